package dev.mssn.cli;

import dev.mssn.engine.BackendProvider;
import dev.mssn.engine.Backends;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.tuning.TuningDatabase;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** Lists what OpenCL sees. */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List OpenCL platforms and devices.")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ClDevices.Enumeration e = ClDevices.enumerate();
        var out = spec.commandLine().getOut();
        if (e.devices().isEmpty()) {
            out.println("no OpenCL devices: " + e.problem() + " (auto runs on the CPU path)");
            return 0;
        }
        TuningDatabase tuning = TuningDatabase.load();
        out.println("OpenCL through " + e.devices().get(0).binding().name());
        for (DeviceInfo d : e.devices()) {
            out.println(String.format(Locale.ROOT, "opencl:%d  %s | %s | %s | driver %s | %d MiB (max alloc %d MiB) | %d compute units",
                    d.index(), d.platformName(), d.name(), d.kind(), d.driverVersion(), d.globalMemBytes() >> 20,
                    d.maxAllocBytes() >> 20, d.computeUnits()));
            out.println("          tuning: " + tuning.lookup(d).describe());
        }
        BackendProvider.Offer auto = Backends.autoChoice(BackendProvider.Settings.DEFAULT);
        out.println("auto picks: " + auto.id() + (auto.accelerator() ? ""
                : " (the OpenCL devices are processors; the CPU path is faster there)"));
        return 0;
    }
}
