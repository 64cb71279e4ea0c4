package dev.mssn.cli;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Backends;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SelfEnsemble;
import dev.mssn.engine.Storage;
import dev.mssn.engine.cpu.CpuBackend;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.io.Models;
import dev.mssn.tiling.TileRunner;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * Times whole tiled upscales on a synthetic image, overlapped (two tiles in flight, transfers
 * beside kernels) and tile after tile, alternating the two so that both see the same machine
 * load, and reports the ratio of their medians.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time tiled upscales of a synthetic image, with and without overlapping tiles; prints medians and their ratio.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Mixin
    WorkloadOptions workload;

    @Override
    public Integer call() throws Exception {
        workload.validate();
        int scale = workload.scale;
        int w = workload.width;
        int h = workload.height;
        int runs = workload.runs;
        MssnParameters params = MssnParameters.of(Models.load(options.model, scale));
        Storage precision = Storage.parse(options.precision);
        RgbImage lr = workload.image();
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = Backends.open(options.device); Network loaded = backend.load(params, precision)) {
            Network net = options.maybeSelfEnsemble(loaded);
            int side = workload.tileSide(backend, params.spec(), precision);
            out.println(String.format(Locale.ROOT, "%s on %s, %s, %dx%d -> %dx%d, tiles of %d px (%d per image), %d runs each%s",
                    params.spec(), backend.describe(), precision.name().toLowerCase(Locale.ROOT), w, h, w * scale,
                    h * scale, side, TileRunner.tileCount(w, h, side), runs,
                    options.tta ? ", self-ensemble of " + SelfEnsemble.PASSES + " passes" : ""));
            out.flush();
            double[] overlapped = new double[runs];
            double[] sequential = new double[runs];
            time(net, lr, side, TileRunner.MAX_IN_FLIGHT); // warm-up: kernels built, buffers allocated
            time(net, lr, side, 1);
            for (int r = 0; r < runs; r++) {
                overlapped[r] = time(net, lr, side, TileRunner.MAX_IN_FLIGHT);
                sequential[r] = time(net, lr, side, 1);
            }
            double megapixels = (double) w * scale * h * scale / 1e6;
            double gigaflops = 2e-9 * params.spec().multiplyAddsPerLrPixel() * w * h * (options.tta ? SelfEnsemble.PASSES : 1);
            report(out, "two tiles in flight", overlapped, megapixels, gigaflops);
            report(out, "one tile at a time ", sequential, megapixels, gigaflops);
            out.println(String.format(Locale.ROOT, "overlap speed-up: %.3fx (median one at a time / median two in flight)",
                    median(sequential) / median(overlapped)));
            if (backend instanceof CpuBackend cpu) {
                // the ceiling at the width and multiply-add in use, measured on this machine now
                double peak = cpu.measurePeakGflops(PEAK_MILLIS);
                double reached = gigaflops / (Math.min(median(overlapped), median(sequential)) / 1000);
                out.println(String.format(Locale.ROOT, "peak: %.1f GFLOP/s measured now on %s; the faster mode reaches %.1f %% of it",
                        peak, backend.describe(), 100 * reached / peak));
            }
        }
        out.flush();
        return 0;
    }

    /** How long the CPU peak is measured. */
    private static final long PEAK_MILLIS = 1000;

    /** Milliseconds for one whole tiled upscale. */
    private static double time(Network net, RgbImage lr, int side, int tilesInFlight) {
        long start = System.nanoTime();
        TileRunner.upscale(net, lr, side, tilesInFlight, () -> { }, () -> false);
        return (System.nanoTime() - start) / 1e6;
    }

    /** GFLOP/s counts the network's convolutions untiled (2 flops a multiply-add), so halo work is not credited. */
    private static void report(PrintWriter out, String mode, double[] ms, double megapixels, double gigaflops) {
        double median = median(ms);
        out.println(String.format(Locale.ROOT, "%s: median %.1f ms, min %.1f ms, %.2f MP/s out, %.1f GFLOP/s", mode, median,
                Arrays.stream(ms).min().orElseThrow(), megapixels / (median / 1000), gigaflops / (median / 1000)));
        out.flush();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
