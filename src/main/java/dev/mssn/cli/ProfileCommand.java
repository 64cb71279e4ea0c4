package dev.mssn.cli;

import dev.mssn.Backends;
import dev.mssn.Models;
import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.Precision;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.opencl.KernelProfile;
import dev.mssn.model.MssnParameters;
import dev.mssn.tiling.TileRunner;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * Device time of every kernel and transfer over whole tiled upscales of a synthetic image, from
 * OpenCL's profiling events: where the time goes on a given GPU.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Time each OpenCL kernel and transfer (device clock) over tiled upscales of a synthetic image.")
final class ProfileCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Mixin
    WorkloadOptions workload;

    @Override
    public Integer call() throws Exception {
        workload.validate();
        MssnParameters params = MssnParameters.of(Models.load(options.model, workload.scale));
        Precision precision = Precision.parse(options.precision);
        RgbImage lr = workload.image();
        PrintWriter out = spec.commandLine().getOut();
        KernelProfile profile = new KernelProfile();
        String device = options.device.equals("auto") ? "opencl" : options.device;
        try (Backend backend = Backends.openProfiled(device, profile); Network net = backend.load(params, precision)) {
            int side = workload.tileSide(backend, params.spec(), precision);
            int tiles = TileRunner.tileCount(workload.size, workload.size, side);
            out.println(String.format(Locale.ROOT, "%s on %s, %s, %dx%d, tiles of %d px (%d per image), %d runs",
                    params.spec(), backend.describe(), precision.name().toLowerCase(Locale.ROOT), workload.size, workload.size,
                    side, tiles, workload.runs));
            TileRunner.upscale(net, lr, side, () -> { }, () -> false); // warm-up: kernels built, buffers allocated
            profile.reset();
            long start = System.nanoTime();
            for (int r = 0; r < workload.runs; r++) {
                TileRunner.upscale(net, lr, side, () -> { }, () -> false);
            }
            double wallMs = (System.nanoTime() - start) / 1e6 / workload.runs;
            print(out, profile.collect(), wallMs, workload.runs);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, List<KernelProfile.Entry> entries, double wallMs, int runs) {
        long total = entries.stream().mapToLong(KernelProfile.Entry::totalNanos).sum();
        out.println(String.format(Locale.ROOT, "%-28s %9s %12s %12s %7s", "command", "launches", "ms per image", "mean us", "share"));
        entries.stream().sorted(Comparator.comparingLong(KernelProfile.Entry::totalNanos).reversed()).forEach(e ->
                out.println(String.format(Locale.ROOT, "%-28s %9d %12.2f %12.1f %6.1f%%", e.name(), e.launches(),
                        e.totalNanos() / 1e6 / runs, e.meanMicros(), 100.0 * e.totalNanos() / Math.max(1, total))));
        out.println(String.format(Locale.ROOT, "device time %.2f ms per image (commands summed), wall time %.2f ms per image",
                total / 1e6 / runs, wallMs));
    }
}
