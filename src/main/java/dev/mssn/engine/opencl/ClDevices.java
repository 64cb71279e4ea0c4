package dev.mssn.engine.opencl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Enumerates every OpenCL platform and device, and ranks them for automatic selection. */
public final class ClDevices {

    private static final Logger log = LoggerFactory.getLogger(ClDevices.class);

    private ClDevices() {}

    /** The devices found, or none with the reason (no driver, no platform). */
    public record Enumeration(List<DeviceInfo> devices, String problem) {}

    public static Enumeration enumerate() {
        try {
            int[] count = new int[1];
            int status = CL.clGetPlatformIDs(0, null, count);
            if (status != CL.CL_SUCCESS || count[0] == 0) {
                return new Enumeration(List.of(), "no OpenCL platform (clGetPlatformIDs: " + CL.stringFor_errorCode(status) + ")");
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            ClStatus.check(CL.clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs", "host");
            List<DeviceInfo> out = new ArrayList<>();
            for (cl_platform_id platform : platforms) {
                int[] n = new int[1];
                if (CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, n) != CL.CL_SUCCESS || n[0] == 0) {
                    continue;
                }
                cl_device_id[] devices = new cl_device_id[n[0]];
                ClStatus.check(CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, n[0], devices, null), "clGetDeviceIDs", "host");
                String platformName = platformString(platform, CL.CL_PLATFORM_NAME);
                for (cl_device_id d : devices) {
                    out.add(describe(out.size(), platformName, platform, d));
                }
            }
            out.forEach(d -> log.debug("found {}", d.describe()));
            return new Enumeration(List.copyOf(out), out.isEmpty() ? "OpenCL platforms expose no devices" : null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Enumeration(List.of(), "OpenCL library not loadable: " + e.getMessage());
        }
    }

    /** The device {@code auto} picks: discrete GPU, then integrated GPU, then others. */
    public static DeviceInfo best(List<DeviceInfo> devices) {
        return devices.stream().min(Comparator.comparing(DeviceInfo::kind)
                .thenComparing(Comparator.comparingInt(DeviceInfo::computeUnits).reversed())).orElseThrow();
    }

    /** CL_DEVICE_MAX_WORK_GROUP_SIZE: the largest work group the device runs. */
    public static long maxWorkGroupSize(DeviceInfo device) {
        long[] v = new long[1];
        ClStatus.check(CL.clGetDeviceInfo(device.device(), CL.CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null),
                "clGetDeviceInfo(CL_DEVICE_MAX_WORK_GROUP_SIZE)", device.describe());
        return v[0];
    }

    private static DeviceInfo describe(int index, String platformName, cl_platform_id platform, cl_device_id d) {
        long type = deviceLong(d, CL.CL_DEVICE_TYPE);
        boolean unified = deviceInt(d, CL.CL_DEVICE_HOST_UNIFIED_MEMORY) != 0;
        DeviceInfo.Kind kind = (type & CL.CL_DEVICE_TYPE_GPU) != 0
                ? (unified ? DeviceInfo.Kind.INTEGRATED_GPU : DeviceInfo.Kind.DISCRETE_GPU)
                : (type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0 ? DeviceInfo.Kind.ACCELERATOR
                : (type & CL.CL_DEVICE_TYPE_CPU) != 0 ? DeviceInfo.Kind.CPU : DeviceInfo.Kind.OTHER;
        return new DeviceInfo(index, platformName, deviceString(d, CL.CL_DEVICE_NAME), deviceString(d, CL.CL_DEVICE_VENDOR),
                deviceString(d, CL.CL_DRIVER_VERSION), kind, deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE),
                deviceLong(d, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE), deviceInt(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS),
                deviceInt(d, CL.CL_DEVICE_ENDIAN_LITTLE) != 0, platform, d);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        ClStatus.check(CL.clGetPlatformInfo(p, param, 0, null, size), "clGetPlatformInfo", "host");
        byte[] buf = new byte[(int) size[0]];
        ClStatus.check(CL.clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null), "clGetPlatformInfo", "host");
        return cString(buf);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        ClStatus.check(CL.clGetDeviceInfo(d, param, 0, null, size), "clGetDeviceInfo", "host");
        byte[] buf = new byte[(int) size[0]];
        ClStatus.check(CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null), "clGetDeviceInfo", "host");
        return cString(buf);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        ClStatus.check(CL.clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null), "clGetDeviceInfo", "host");
        return v[0];
    }

    private static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        ClStatus.check(CL.clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null), "clGetDeviceInfo", "host");
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
