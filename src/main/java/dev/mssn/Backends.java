package dev.mssn;

import dev.mssn.engine.Backend;
import dev.mssn.engine.cpu.CpuBackend;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.engine.opencl.network.ClBackend;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.binding.ClBindings;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that names backend implementations. Device specs: {@code auto} (the best GPU
 * or accelerator OpenCL device, else the fast CPU path), {@code cpu} (the fast CPU path),
 * {@code reference} (the plain-Java reference, slow, for checking), {@code opencl} (best OpenCL
 * device, an error if none), {@code opencl:N} or {@code N} (the N-th device as
 * {@code mssn devices} lists it), or a fragment of a device's name, vendor or platform such as
 * {@code nvidia} or {@code opencl:radeon} (the best matching device; an error if none matches).
 *
 * <p>{@code auto} ranks an OpenCL device of CPU type (PoCL and the like) below the CPU path:
 * on the same processor the CPU path's fused, vectorised kernels are the faster of the two
 * ({@code bin/mssn bench} measures both); {@code -d opencl} still picks such a device.
 */
public final class Backends {

    private static final Logger log = LoggerFactory.getLogger(Backends.class);

    private Backends() {}

    private static boolean isJavaPath(String spec) {
        return spec.equals("cpu") || spec.equals("java") || spec.equals("reference");
    }

    /** The warning for PoCL without libjsig, naming this JVM's own libjsig (most users have no JAVA_HOME). */
    static String signalWarning() {
        return "PoCL compiles kernels with LLVM, which replaces the JVM's signal handlers and can crash it; start the JVM with"
                + " LD_PRELOAD=" + java.nio.file.Path.of(System.getProperty("java.home"), "lib", "libjsig.so") + " (bin/mssn does)";
    }

    private static Backend openCl(DeviceInfo device) {
        warnIfSignalsUnsafe(device);
        return new ClBackend(device);
    }

    private static void warnIfSignalsUnsafe(DeviceInfo device) {
        String preload = System.getenv("LD_PRELOAD");
        if (device.platformName().contains("Portable Computing Language") && (preload == null || !preload.contains("libjsig"))) {
            log.warn(signalWarning());
        }
    }

    /** Opens {@code deviceSpec} with OpenCL reached through the binding {@code mssn.opencl.binding} names. */
    public static Backend open(String deviceSpec) {
        return open(deviceSpec, ClBindings.fromSystemProperty());
    }

    /** @param binding how OpenCL is reached; null: no binding on the class path (OpenCL unavailable) */
    public static Backend open(String deviceSpec, ClBinding binding) {
        String spec = deviceSpec.trim().toLowerCase(Locale.ROOT);
        if (spec.isEmpty() || spec.equals("opencl:")) {
            throw new IllegalArgumentException("device '" + deviceSpec + "': empty; use auto, cpu, opencl, opencl:N or a name fragment");
        }
        if (isJavaPath(spec)) {
            return spec.equals("reference") ? new JavaBackend() : new CpuBackend();
        }
        ClDevices.Enumeration found = ClDevices.enumerate(binding);
        List<DeviceInfo> devices = found.devices();
        boolean auto = spec.equals("auto");
        if (devices.isEmpty() && auto) {
            log.info("no OpenCL device found ({}); running on the CPU path", found.problem());
            return new CpuBackend();
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("device '" + deviceSpec + "': no OpenCL device available (" + found.problem()
                    + "); install an OpenCL driver or use --device cpu");
        }
        if (auto && !autoUsesOpenCl(devices)) {
            log.info("the only OpenCL devices are processors ({}); running on the faster CPU path (-d opencl picks the device)",
                    ClDevices.best(devices).describe());
            return new CpuBackend();
        }
        return openCl(auto ? ClDevices.best(devices) : select(deviceSpec, devices));
    }

    /** The CPU path, then the OpenCL devices {@code binding} reaches (none when it is null or finds none). */
    static List<AvailableDevice> available(ClBinding binding) {
        List<AvailableDevice> out = new java.util.ArrayList<>();
        try (CpuBackend cpu = new CpuBackend()) {
            out.add(new AvailableDevice("cpu", cpu.describe(), false));
        }
        for (DeviceInfo d : ClDevices.enumerate(binding).devices()) {
            boolean processor = d.kind() == DeviceInfo.Kind.CPU || d.kind() == DeviceInfo.Kind.OTHER;
            out.add(new AvailableDevice("opencl:" + d.index(), d.describe(), !processor));
        }
        return List.copyOf(out);
    }

    /** The OpenCL device {@code deviceSpec} names (opencl, opencl:N or a name fragment); an error if there is none. */
    public static DeviceInfo openClDevice(String deviceSpec) {
        if (isJavaPath(deviceSpec.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("device '" + deviceSpec + "' is not an OpenCL device; pick an OpenCL device"
                    + " (opencl, opencl:N or a name fragment)");
        }
        ClDevices.Enumeration found = ClDevices.enumerate();
        if (found.devices().isEmpty()) {
            throw new IllegalArgumentException("device '" + deviceSpec + "': no OpenCL device available (" + found.problem()
                    + "); install an OpenCL driver");
        }
        DeviceInfo device = select(deviceSpec, found.devices());
        warnIfSignalsUnsafe(device);
        return device;
    }

    private static DeviceInfo select(String deviceSpec, List<DeviceInfo> devices) {
        String spec = deviceSpec.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("opencl") || spec.equals("auto")) {
            return ClDevices.best(devices);
        }
        String selector = spec.startsWith("opencl:") ? spec.substring("opencl:".length()) : spec;
        if (selector.matches("\\d+")) {
            int index = Integer.parseInt(selector);
            if (index >= devices.size()) {
                throw new IllegalArgumentException("device '" + deviceSpec + "': there are " + devices.size()
                        + " OpenCL devices (0.." + (devices.size() - 1) + "); see mssn devices");
            }
            return devices.get(index);
        }
        List<DeviceInfo> matching = devices.stream().filter(d -> matches(d, selector)).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("device '" + deviceSpec + "' matches no OpenCL device; there are: "
                    + devices.stream().map(DeviceInfo::describe).toList() + ". Use auto, cpu, opencl, opencl:N or a name fragment");
        }
        DeviceInfo chosen = ClDevices.best(matching);
        if (matching.size() > 1) {
            log.info("device '{}' matches {} OpenCL devices; using {}", deviceSpec, matching.size(), chosen.describe());
        }
        return chosen;
    }

    /**
     * Whether {@code auto} runs on the best of these OpenCL devices: not when it is itself a
     * processor (PoCL and the like), where the CPU path is faster.
     */
    public static boolean autoUsesOpenCl(List<DeviceInfo> devices) {
        return !devices.isEmpty() && ClDevices.best(devices).kind() != DeviceInfo.Kind.CPU;
    }

    /** A name fragment matches the device's name, vendor or platform, ignoring case. */
    private static boolean matches(DeviceInfo device, String fragment) {
        return (device.name() + "\n" + device.vendor() + "\n" + device.platformName()).toLowerCase(Locale.ROOT).contains(fragment);
    }
}
