package dev.mssn.engine.opencl.network;

import dev.mssn.engine.Backend;
import dev.mssn.engine.BackendProvider;
import dev.mssn.engine.Backends;
import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.binding.ClBindings;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenCL devices: {@code opencl} (the best), {@code opencl:N} or a bare {@code N} (as
 * {@code mssn devices} numbers them), or a fragment of a device's name, vendor or platform such
 * as {@code nvidia} (the best matching device). For {@code auto} a GPU or accelerator ranks above
 * the CPU path; an OpenCL device that is itself a processor (PoCL and the like) ranks below it,
 * since on the same cores the CPU path's fused, vectorised kernels are faster.
 */
public final class ClBackendProvider implements BackendProvider {

    private static final Logger log = LoggerFactory.getLogger(ClBackendProvider.class);

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public boolean resolvesNameFragments() {
        return true;
    }

    @Override
    public void check(Settings settings) {
        binding(settings);
    }

    private static ClBinding binding(Settings settings) {
        return settings.openClBinding() == null ? ClBindings.fromSystemProperty() : ClBindings.named(settings.openClBinding());
    }

    @Override
    public Offers devices(Settings settings) {
        ClDevices.Enumeration found = ClDevices.enumerate(binding(settings));
        if (found.devices().isEmpty()) {
            return Offers.none(found.problem());
        }
        List<DeviceInfo> bestFirst = ClDevices.ranked(found.devices());
        return Offers.of(found.devices().stream().map(d -> offer(d, bestFirst.size() - bestFirst.indexOf(d))).toList());
    }

    /** @param order higher for the better device within its band (as {@link ClDevices#ranked} orders them) */
    private static Offer offer(DeviceInfo d, int order) {
        boolean processor = d.kind() == DeviceInfo.Kind.CPU || d.kind() == DeviceInfo.Kind.OTHER;
        int band = processor ? Offer.PROCESSOR : Offer.ACCELERATOR;
        return new Offer("opencl:" + d.index(), d.describe(), !processor, band + Math.min(order, Offer.BAND - 1));
    }

    @Override
    public Backend open(String spec, Settings settings) {
        DeviceInfo device = select(spec, ClDevices.enumerate(binding(settings)), "; install an OpenCL driver or use --device cpu");
        warnIfSignalsUnsafe(device);
        return new ClBackend(device);
    }

    /**
     * The OpenCL device {@code deviceSpec} names (opencl, opencl:N, N or a name fragment), through
     * the binding the system property names: for the tools that work on one OpenCL device
     * (tune, profile). An error when the spec names another backend's device or there is none.
     */
    public static DeviceInfo device(String deviceSpec) {
        String spec = deviceSpec.trim().toLowerCase(Locale.ROOT);
        if (Backends.providers().stream().anyMatch(p -> !p.name().equals("opencl") && (p.name().equals(spec) || p.aliases().contains(spec)))) {
            throw new IllegalArgumentException("device '" + deviceSpec + "' is not an OpenCL device; pick an OpenCL device"
                    + " (opencl, opencl:N or a name fragment)");
        }
        DeviceInfo device = select(spec.equals("auto") ? "opencl" : spec, ClDevices.enumerate(), "; install an OpenCL driver");
        warnIfSignalsUnsafe(device);
        return device;
    }

    private static DeviceInfo select(String spec, ClDevices.Enumeration found, String advice) {
        List<DeviceInfo> devices = found.devices();
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("device '" + spec + "': no OpenCL device available (" + found.problem() + ")" + advice);
        }
        if (spec.equals("opencl")) {
            return ClDevices.best(devices);
        }
        String selector = spec.startsWith("opencl:") ? spec.substring("opencl:".length()) : spec;
        if (selector.matches("\\d+")) {
            int index = Integer.parseInt(selector);
            if (index >= devices.size()) {
                throw new IllegalArgumentException("device '" + spec + "': there are " + devices.size()
                        + " OpenCL devices (0.." + (devices.size() - 1) + "); see mssn devices");
            }
            return devices.get(index);
        }
        List<DeviceInfo> matching = devices.stream().filter(d -> matches(d, selector)).toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("device '" + spec + "' matches no OpenCL device; there are: "
                    + devices.stream().map(DeviceInfo::describe).toList() + ". Use auto, cpu, opencl, opencl:N or a name fragment");
        }
        DeviceInfo chosen = ClDevices.best(matching);
        if (matching.size() > 1) {
            log.info("device '{}' matches {} OpenCL devices; using {}", spec, matching.size(), chosen.describe());
        }
        return chosen;
    }

    /** A name fragment matches the device's name, vendor or platform, ignoring case. */
    private static boolean matches(DeviceInfo device, String fragment) {
        return (device.name() + "\n" + device.vendor() + "\n" + device.platformName()).toLowerCase(Locale.ROOT).contains(fragment);
    }

    /** The warning for PoCL without libjsig, naming this JVM's own libjsig (most users have no JAVA_HOME). */
    public static String signalWarning() {
        return "PoCL compiles kernels with LLVM, which replaces the JVM's signal handlers and can crash it; start the JVM with"
                + " LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so") + " (bin/mssn does)";
    }

    private static void warnIfSignalsUnsafe(DeviceInfo device) {
        String preload = System.getenv("LD_PRELOAD");
        if (device.platformName().contains("Portable Computing Language") && (preload == null || !preload.contains("libjsig"))) {
            log.warn(signalWarning());
        }
    }
}
