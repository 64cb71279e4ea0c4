package dev.mssn.cli;

import dev.mssn.AvailableDevice;
import dev.mssn.GpuSuperResolver;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.tuning.TuningDatabase;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * Lists the devices as the API offers them (what {@code -d} takes, and what auto picks), with each
 * OpenCL device's particulars and tuning entry beside it.
 */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List the devices (the CPU path and OpenCL devices) and what auto picks.")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        ClDevices.Enumeration openCl = ClDevices.enumerate();
        out.println(openCl.devices().isEmpty() ? "no OpenCL devices: " + openCl.problem()
                : "OpenCL through " + openCl.devices().get(0).binding().name());
        TuningDatabase tuning = TuningDatabase.load();
        List<AvailableDevice> all = GpuSuperResolver.availableDevices();
        for (AvailableDevice d : all) {
            Optional<DeviceInfo> info = openCl.devices().stream().filter(i -> i.describe().equals(d.description())).findFirst();
            if (info.isEmpty()) {
                out.println(String.format(Locale.ROOT, "%-9s %s", d.spec(), d.description()));
                continue;
            }
            DeviceInfo i = info.get();
            out.println(String.format(Locale.ROOT, "%-9s %s | %s | %s | driver %s | %d MiB (max alloc %d MiB) | %d compute units",
                    d.spec(), i.platformName(), i.name(), i.kind(), i.driverVersion(), i.globalMemBytes() >> 20,
                    i.maxAllocBytes() >> 20, i.computeUnits()));
            out.println("          tuning: " + tuning.lookup(i).describe());
        }
        AvailableDevice auto = GpuSuperResolver.autoDevice();
        boolean otherDevices = all.stream().anyMatch(d -> !d.spec().equals(auto.spec()));
        out.println("auto picks: " + auto.spec() + (auto.gpu() || !otherDevices ? ""
                : " (the other devices are processors; the CPU path is faster there)"));
        return 0;
    }
}
