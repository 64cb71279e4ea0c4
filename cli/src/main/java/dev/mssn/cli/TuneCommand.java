package dev.mssn.cli;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.network.ClBackend;
import dev.mssn.engine.opencl.network.ClBackendProvider;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.engine.opencl.tuning.Tuner;
import dev.mssn.engine.opencl.tuning.TuningDatabase;
import dev.mssn.engine.opencl.tuning.TuningEntry;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.io.Models;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Searches the fast kernels' launch parameters on one OpenCL device and writes its tuning entry. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Search the fast OpenCL kernels' launch parameters on a device (checked against the exact kernels,"
                + " timed on the device clock, or the wall clock with --clock wall) and write the device's entry to the tuning file, unless the whole network"
                + " runs slower with it than with the entry the device uses now.")
final class TuneCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--device"}, defaultValue = "opencl", description = "opencl, opencl:N or a name fragment (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--size", defaultValue = "256", description = "side of the square tile the kernels run on (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs per candidate and shape (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--clock", defaultValue = "device", description = "device (profiling timestamps: kernel time alone) or wall"
            + " (the host's clock around each launch and a finish: for drivers whose timestamps are unusable, such as Mesa's"
            + " rusticl on llvmpipe) (default: ${DEFAULT-VALUE})")
    String clock;

    @Option(names = {"-o", "--output"}, description = "tuning file to write (default: the user tuning file, ${sys:user.home}/.cache/mssn/tuning.json"
            + " unless MSSN_TUNING_FILE or XDG_CACHE_HOME say otherwise)")
    Path output;

    @Option(names = {"-v", "--verbose"}, description = "print every candidate's time or why it was rejected")
    boolean verbose;

    @Override
    public Integer call() throws java.io.IOException {
        if (size < 1 || runs < 1) {
            throw new IllegalArgumentException("--size and --runs must be positive");
        }
        Tuner.Clock timing = switch (clock.toLowerCase(Locale.ROOT)) {
            case "device" -> Tuner.Clock.DEVICE;
            case "wall" -> Tuner.Clock.WALL;
            default -> throw new IllegalArgumentException("--clock must be device or wall, got " + clock);
        };
        PrintWriter out = spec.commandLine().getOut();
        DeviceInfo info = ClBackendProvider.device(device);
        TuningDatabase db = TuningDatabase.load(output != null ? output : TuningDatabase.defaultUserFile());
        out.println("tuning " + info.describe() + " on " + size + "x" + size + " tiles, " + clock.toLowerCase(Locale.ROOT)
                + " clock; entry " + TuningDatabase.deviceKey(info));
        TuningEntry current = db.lookup(info);
        out.println("now: " + current.describe());
        out.flush();
        KernelProfile profile = new KernelProfile();
        TuningEntry entry;
        try (ClContext ctx = new ClContext(info, profile)) {
            Tuner tuner = new Tuner(ctx, profile, timing, size, runs, ClDevices.maxWorkGroupSize(info), line -> {
                if (verbose) {
                    out.println(line);
                    out.flush();
                }
            });
            try {
                entry = tuner.tune(TuningDatabase.deviceKey(info), current);
            } catch (Tuner.UntimeableDeviceException e) {
                throw new IllegalArgumentException(e.getMessage(), e); // -d named a device that cannot be tuned: exit 2
            }
            long rejected = tuner.trials().stream().filter(t -> t.rejected() != null).count();
            out.println(tuner.trials().size() + " candidates, " + rejected + " rejected");
        }
        // kernels timed alone can rank differently inside the network (caches, other kernels): confirm on the whole network
        double now = Double.MAX_VALUE;
        double tuned = Double.MAX_VALUE;
        MssnParameters params = MssnParameters.of(Models.load(Models.DEFAULT, 2));
        RgbImage lr = syntheticImage();
        for (int round = 0; round < 2; round++) {
            now = Math.min(now, networkMillis(info, current, params, lr));
            tuned = Math.min(tuned, networkMillis(info, entry, params, lr));
        }
        out.println("tuned: " + entry.describe());
        out.println(String.format(Locale.ROOT, "%s x2 on %dx%d: %.1f ms with the current entry, %.1f ms with the tuned one",
                Models.DEFAULT, size, size, now, tuned));
        if (tuned > now * (1 + SLOWER_MARGIN)) {
            out.println(entry.measured());
            out.println("the tuned entry runs the network slower; the tuning file is left as it was");
            out.flush();
            return 0;
        }
        TuningEntry confirmed = new TuningEntry(entry.key(), entry.source(), entry.pointwise(), entry.depthwise(), entry.dense(),
                entry.expandDepthwise(), entry.measured() + String.format(Locale.ROOT, "; %s x2 %dx%d network %.1f ms (was %.1f ms)",
                Models.DEFAULT, size, size, tuned, now));
        db.save(confirmed);
        out.println("wrote " + db.userFile() + ": " + db.get(entry.key()).describe());
        out.println(confirmed.measured());
        out.flush();
        return 0;
    }

    /** The tuned entry is kept unless the network runs this much slower with it than with the current one (timing noise). */
    private static final double SLOWER_MARGIN = 0.03;

    /** The fastest of three whole upscales (after a warm-up) with the kernels launched as {@code entry} says. */
    private static double networkMillis(DeviceInfo info, TuningEntry entry, MssnParameters params, RgbImage lr) {
        try (ClBackend backend = new ClBackend(info, null, entry); Network net = backend.load(params, Storage.FP32)) {
            net.upscale(lr);
            long best = Long.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                long start = System.nanoTime();
                net.upscale(lr);
                best = Math.min(best, System.nanoTime() - start);
            }
            return best / 1e6;
        }
    }

    private RgbImage syntheticImage() {
        WorkloadOptions workload = new WorkloadOptions();
        workload.size = String.valueOf(size);
        workload.runs = 1;
        workload.scale = 2;
        workload.validate();
        return workload.image();
    }
}
