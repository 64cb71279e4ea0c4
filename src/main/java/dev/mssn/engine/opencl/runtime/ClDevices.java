package dev.mssn.engine.opencl.runtime;

import static dev.mssn.engine.opencl.binding.ClCodes.*;

import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.binding.ClBindings;
import dev.mssn.engine.opencl.binding.ClInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Enumerates every OpenCL platform and device, and ranks them for automatic selection. */
public final class ClDevices {

    private static final Logger log = LoggerFactory.getLogger(ClDevices.class);

    private ClDevices() {}

    /** The devices found, or none with the reason (no binding, no driver, no platform). */
    public record Enumeration(List<DeviceInfo> devices, String problem) {}

    /** The devices through the binding {@code mssn.opencl.binding} names (by default JOCL). */
    public static Enumeration enumerate() {
        return enumerate(ClBindings.fromSystemProperty());
    }

    /** @param binding the binding to reach the devices through; null: none available */
    public static Enumeration enumerate(ClBinding binding) {
        if (binding == null) {
            return new Enumeration(List.of(), ClBindings.noneFound());
        }
        try {
            List<ClBinding.Platform> platforms = new ArrayList<>();
            int status = binding.platforms(platforms);
            if (status != CL_SUCCESS || platforms.isEmpty()) {
                return new Enumeration(List.of(), "no OpenCL platform (clGetPlatformIDs: " + errorName(status) + ")");
            }
            List<DeviceInfo> out = new ArrayList<>();
            for (ClBinding.Platform platform : platforms) {
                List<ClBinding.Device> devices = new ArrayList<>();
                if (binding.devices(platform, devices) != CL_SUCCESS) {
                    continue;
                }
                String platformName = platformName(binding, platform);
                for (ClBinding.Device d : devices) {
                    out.add(describe(binding, out.size(), platformName, platform, d));
                }
            }
            out.forEach(d -> log.debug("found {} through {}", d.describe(), binding.name()));
            return new Enumeration(List.copyOf(out), out.isEmpty() ? "OpenCL platforms expose no devices" : null);
        } catch (LinkageError | IllegalStateException e) {
            return new Enumeration(List.of(), "OpenCL library not loadable through " + binding.name() + ": " + e.getMessage());
        }
    }

    /** Discrete GPU, then integrated GPU, accelerator, processor; the more compute units first within a kind. */
    private static final Comparator<DeviceInfo> BEST_FIRST = Comparator.comparing(DeviceInfo::kind)
            .thenComparing(Comparator.comparingInt(DeviceInfo::computeUnits).reversed());

    /** The best of {@code devices}: discrete GPU, then integrated GPU, then others. */
    public static DeviceInfo best(List<DeviceInfo> devices) {
        return devices.stream().min(BEST_FIRST).orElseThrow();
    }

    /** {@code devices} best first (the first is {@link #best}; equals keep their order). */
    public static List<DeviceInfo> ranked(List<DeviceInfo> devices) {
        return devices.stream().sorted(BEST_FIRST).toList();
    }

    /** CL_DEVICE_LOCAL_MEM_SIZE: the local memory one work group may use, in bytes. */
    public static long localMemBytes(DeviceInfo device) {
        int[] err = new int[1];
        byte[] value = device.binding().deviceInfo(device.device(), CL_DEVICE_LOCAL_MEM_SIZE, err);
        ClStatus.check(err[0], "clGetDeviceInfo(CL_DEVICE_LOCAL_MEM_SIZE)", device.describe());
        return ClInfo.number(value);
    }

    /** CL_DEVICE_MAX_WORK_GROUP_SIZE: the largest work group the device runs. */
    public static long maxWorkGroupSize(DeviceInfo device) {
        int[] err = new int[1];
        byte[] value = device.binding().deviceInfo(device.device(), CL_DEVICE_MAX_WORK_GROUP_SIZE, err);
        ClStatus.check(err[0], "clGetDeviceInfo(CL_DEVICE_MAX_WORK_GROUP_SIZE)", device.describe());
        return ClInfo.number(value);
    }

    private static DeviceInfo describe(ClBinding cl, int index, String platformName, ClBinding.Platform platform,
                                       ClBinding.Device d) {
        long type = number(cl, d, CL_DEVICE_TYPE);
        boolean unified = number(cl, d, CL_DEVICE_HOST_UNIFIED_MEMORY) != 0;
        DeviceInfo.Kind kind = (type & CL_DEVICE_TYPE_GPU) != 0
                ? (unified ? DeviceInfo.Kind.INTEGRATED_GPU : DeviceInfo.Kind.DISCRETE_GPU)
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? DeviceInfo.Kind.ACCELERATOR
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? DeviceInfo.Kind.CPU : DeviceInfo.Kind.OTHER;
        return new DeviceInfo(index, platformName, string(cl, d, CL_DEVICE_NAME), string(cl, d, CL_DEVICE_VENDOR),
                string(cl, d, CL_DRIVER_VERSION), kind, number(cl, d, CL_DEVICE_GLOBAL_MEM_SIZE),
                number(cl, d, CL_DEVICE_MAX_MEM_ALLOC_SIZE), (int) number(cl, d, CL_DEVICE_MAX_COMPUTE_UNITS),
                number(cl, d, CL_DEVICE_ENDIAN_LITTLE) != 0, cl, platform, d);
    }

    private static String string(ClBinding cl, ClBinding.Device d, int param) {
        int[] err = new int[1];
        byte[] value = cl.deviceInfo(d, param, err);
        ClStatus.check(err[0], "clGetDeviceInfo", "host");
        return ClInfo.string(value);
    }

    private static long number(ClBinding cl, ClBinding.Device d, int param) {
        int[] err = new int[1];
        byte[] value = cl.deviceInfo(d, param, err);
        ClStatus.check(err[0], "clGetDeviceInfo", "host");
        return ClInfo.number(value);
    }

    private static String platformName(ClBinding cl, ClBinding.Platform p) {
        int[] err = new int[1];
        byte[] value = cl.platformInfo(p, CL_PLATFORM_NAME, err);
        ClStatus.check(err[0], "clGetPlatformInfo", "host");
        return ClInfo.string(value);
    }
}
