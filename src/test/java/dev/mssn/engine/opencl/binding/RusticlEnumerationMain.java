package dev.mssn.engine.opencl.binding;

import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.engine.opencl.tuning.Tuner;
import dev.mssn.engine.opencl.tuning.TuningDatabase;

/**
 * Prints, for each binding, every device it enumerates as "BINDING: PLATFORM | NAME"; then tries
 * to tune the rusticl device and prints how that ended (RusticlEnumerationTest runs it).
 */
public final class RusticlEnumerationMain {

    private RusticlEnumerationMain() {}

    public static void main(String[] args) {
        for (String name : new String[] {"jocl", "lwjgl"}) {
            ClDevices.Enumeration e = ClDevices.enumerate(ClBindings.named(name));
            System.out.println(name + ": " + e.devices().size() + " devices" + (e.problem() == null ? "" : " (" + e.problem() + ")"));
            for (DeviceInfo d : e.devices()) {
                System.out.println(name + ": " + d.platformName().trim() + " | " + d.name().trim());
            }
        }
        DeviceInfo rusticl = ClDevices.enumerate().devices().stream().filter(d -> d.platformName().contains("rusticl"))
                .findFirst().orElseThrow();
        KernelProfile profile = new KernelProfile();
        try (ClContext ctx = new ClContext(rusticl, profile)) {
            new Tuner(ctx, profile, 8, 1, 256, line -> { }).tune("probe", TuningDatabase.load().lookup(rusticl));
            System.out.println("tuned");
        } catch (Tuner.UntimeableDeviceException e) {
            System.out.println("untimeable: " + e.getMessage());
        }
    }
}
