package dev.mssn.cli;

import dev.mssn.Backends;
import dev.mssn.Models;
import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.Precision;
import dev.mssn.engine.RgbImage;
import dev.mssn.model.MssnParameters;
import dev.mssn.tiling.TileRunner;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Option(names = {"-s", "--scale"}, defaultValue = "2", description = "2, 3 or 4 (default: ${DEFAULT-VALUE})")
    int scale;

    @Mixin
    ModelOptions options;

    @Option(names = "--size", defaultValue = "1024", description = "side of the square LR image (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = {"-t", "--tile"}, defaultValue = "0", description = "LR tile side; 0 picks it from the device (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs of each mode, after one warm-up each (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (scale < 2 || scale > 4) {
            throw new IllegalArgumentException("--scale must be 2, 3 or 4, got " + scale);
        }
        if (size < 1 || tile < 0 || runs < 1) {
            throw new IllegalArgumentException("--size and --runs must be positive and --tile at least 0");
        }
        MssnParameters params = MssnParameters.of(Models.load(options.model, scale));
        Precision precision = Precision.parse(options.precision);
        RgbImage lr = syntheticImage(size);
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = Backends.open(options.device); Network net = backend.load(params, precision)) {
            int side = tile > 0 ? tile : backend.tileSide(params.spec(), precision);
            out.println(String.format(Locale.ROOT, "%s on %s, %s, %dx%d -> %dx%d, tiles of %d px (%d per image), %d runs each",
                    params.spec(), backend.describe(), precision.name().toLowerCase(Locale.ROOT), size, size, size * scale,
                    size * scale, side, TileRunner.tileCount(size, size, side), runs));
            out.flush();
            double[] overlapped = new double[runs];
            double[] sequential = new double[runs];
            time(net, lr, side, TileRunner.MAX_IN_FLIGHT); // warm-up: kernels built, buffers allocated
            time(net, lr, side, 1);
            for (int r = 0; r < runs; r++) {
                overlapped[r] = time(net, lr, side, TileRunner.MAX_IN_FLIGHT);
                sequential[r] = time(net, lr, side, 1);
            }
            double megapixels = (double) size * scale * size * scale / 1e6;
            report(out, "two tiles in flight", overlapped, megapixels);
            report(out, "one tile at a time ", sequential, megapixels);
            out.println(String.format(Locale.ROOT, "overlap speed-up: %.3fx (median one at a time / median two in flight)",
                    median(sequential) / median(overlapped)));
        }
        out.flush();
        return 0;
    }

    /** Milliseconds for one whole tiled upscale. */
    private static double time(Network net, RgbImage lr, int side, int tilesInFlight) {
        long start = System.nanoTime();
        TileRunner.upscale(net, lr, side, tilesInFlight, () -> { }, () -> false);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(PrintWriter out, String mode, double[] ms, double megapixels) {
        double median = median(ms);
        out.println(String.format(Locale.ROOT, "%s: median %.1f ms, min %.1f ms, %.2f MP/s out", mode, median,
                Arrays.stream(ms).min().orElseThrow(), megapixels / (median / 1000)));
        out.flush();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** A deterministic picture with smooth areas, edges and fine texture, so that timings do not depend on a file. */
    static RgbImage syntheticImage(int side) {
        byte[] rgb = new byte[Math.multiplyExact(side * side, 3)];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y * side + x) * 3;
                rgb[i] = (byte) (128 + 100 * Math.sin(x / 9.0) * Math.cos(y / 13.0));
                rgb[i + 1] = (byte) (((x / 32 + y / 32) % 2) * 160 + 40);
                rgb[i + 2] = (byte) ((x * 7 + y * 13) % 256);
            }
        }
        return new RgbImage(side, side, rgb);
    }
}
