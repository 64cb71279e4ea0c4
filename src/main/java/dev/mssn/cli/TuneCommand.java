package dev.mssn.cli;

import dev.mssn.Backends;
import dev.mssn.engine.opencl.ClContext;
import dev.mssn.engine.opencl.ClDevices;
import dev.mssn.engine.opencl.DeviceInfo;
import dev.mssn.engine.opencl.KernelProfile;
import dev.mssn.engine.opencl.tuning.TuningDatabase;
import dev.mssn.engine.opencl.tuning.TuningEntry;
import dev.mssn.engine.opencl.tuning.Tuner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Searches the fast kernels' launch parameters on one OpenCL device and writes its tuning entry. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Search the fast OpenCL kernels' launch parameters on a device (checked against the exact kernels,"
                + " timed on the device clock) and write the device's entry to the tuning file.")
final class TuneCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--device"}, defaultValue = "opencl", description = "opencl, opencl:N or a name fragment (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--size", defaultValue = "256", description = "side of the square tile the kernels run on (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs per candidate and shape (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = {"-o", "--output"}, description = "tuning file to write (default: the user tuning file, ${sys:user.home}/.cache/mssn/tuning.json"
            + " unless MSSN_TUNING_FILE or XDG_CACHE_HOME say otherwise)")
    Path output;

    @Option(names = {"-v", "--verbose"}, description = "print every candidate's time or why it was rejected")
    boolean verbose;

    @Override
    public Integer call() {
        if (size < 1 || runs < 1) {
            throw new IllegalArgumentException("--size and --runs must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        DeviceInfo info = Backends.openClDevice(device);
        TuningDatabase db = TuningDatabase.load(output != null ? output : TuningDatabase.defaultUserFile());
        out.println("tuning " + info.describe() + " on " + size + "x" + size + " tiles; entry " + TuningDatabase.deviceKey(info));
        TuningEntry current = db.lookup(info);
        out.println("now: " + current.describe());
        out.flush();
        KernelProfile profile = new KernelProfile();
        TuningEntry entry;
        try (ClContext ctx = new ClContext(info, profile)) {
            Tuner tuner = new Tuner(ctx, profile, size, runs, ClDevices.maxWorkGroupSize(info), line -> {
                if (verbose) {
                    out.println(line);
                    out.flush();
                }
            });
            entry = tuner.tune(TuningDatabase.deviceKey(info), current);
            long rejected = tuner.trials().stream().filter(t -> t.rejected() != null).count();
            out.println(tuner.trials().size() + " candidates, " + rejected + " rejected");
        }
        db.save(entry);
        out.println("wrote " + db.userFile() + ": " + db.get(entry.key()).describe());
        out.println(entry.measured());
        out.flush();
        return 0;
    }
}
