package dev.mssn;

import dev.mssn.engine.Backend;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.engine.opencl.ClBackend;
import dev.mssn.engine.opencl.ClDevices;
import dev.mssn.engine.opencl.DeviceInfo;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that names backend implementations. Device specs: {@code auto} (best OpenCL
 * device, else the Java path), {@code cpu} (the Java path), {@code opencl} (best OpenCL device,
 * an error if none) or {@code opencl:N} (the N-th device as {@code mssn devices} lists it).
 */
public final class Backends {

    private static final Logger log = LoggerFactory.getLogger(Backends.class);

    private Backends() {}

    private static Backend openCl(DeviceInfo device) {
        String preload = System.getenv("LD_PRELOAD");
        if (device.platformName().contains("Portable Computing Language") && (preload == null || !preload.contains("libjsig"))) {
            log.warn("PoCL compiles kernels with LLVM, which replaces the JVM's signal handlers and can crash it;"
                    + " start the JVM with LD_PRELOAD=$JAVA_HOME/lib/libjsig.so (bin/mssn does)");
        }
        return new ClBackend(device);
    }

    public static Backend open(String deviceSpec) {
        String spec = deviceSpec.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("cpu") || spec.equals("java")) {
            return new JavaBackend();
        }
        ClDevices.Enumeration found = ClDevices.enumerate();
        List<DeviceInfo> devices = found.devices();
        if (spec.equals("auto")) {
            if (devices.isEmpty()) {
                log.info("no OpenCL device found ({}); running on the plain-Java path", found.problem());
                return new JavaBackend();
            }
            return openCl(ClDevices.best(devices));
        }
        if (spec.equals("opencl") || spec.startsWith("opencl:")) {
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("no OpenCL device available (" + found.problem()
                        + "); install an OpenCL driver or use --device cpu");
            }
            if (spec.equals("opencl")) {
                return openCl(ClDevices.best(devices));
            }
            int index;
            try {
                index = Integer.parseInt(spec.substring("opencl:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device '" + deviceSpec + "': expected opencl:N with N a number");
            }
            if (index < 0 || index >= devices.size()) {
                throw new IllegalArgumentException("device '" + deviceSpec + "': there are " + devices.size()
                        + " OpenCL devices (0.." + (devices.size() - 1) + ")");
            }
            return openCl(devices.get(index));
        }
        throw new IllegalArgumentException("unknown device '" + deviceSpec + "'; use auto, cpu, opencl or opencl:N");
    }
}
