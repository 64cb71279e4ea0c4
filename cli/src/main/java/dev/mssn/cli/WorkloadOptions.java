package dev.mssn.cli;

import dev.mssn.engine.Backend;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.Storage;
import dev.mssn.engine.SyntheticImage;
import dev.mssn.model.ModelSpec;
import picocli.CommandLine.Option;

/** What bench and profile run: a synthetic image (N x N or W x H), its scale, the tile side and how many runs. */
final class WorkloadOptions {

    @Option(names = {"-s", "--scale"}, defaultValue = "2", description = "2, 3 or 4 (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--size", defaultValue = "1024", description = "LR image size: N for N x N, or WxH such as 1920x1080 (default: ${DEFAULT-VALUE})")
    String size;

    /** The LR image's width and height, set by {@link #validate}. */
    int width;
    int height;

    @Option(names = {"-t", "--tile"}, defaultValue = "0", description = "LR tile side; 0 picks it from the device (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs, after one warm-up (default: ${DEFAULT-VALUE})")
    int runs;

    void validate() {
        if (scale < 2 || scale > 4) {
            throw new IllegalArgumentException("--scale must be 2, 3 or 4, got " + scale);
        }
        String[] parts = size.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        try {
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            width = Integer.parseInt(parts[0].trim());
            height = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : width;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size must be N or WxH (such as 256 or 1920x1080), got '" + size + "'");
        }
        if (width < 1 || height < 1 || tile < 0 || runs < 1) {
            throw new IllegalArgumentException("--size and --runs must be positive and --tile at least 0");
        }
        if ((long) width * height > 1L << 26) {
            throw new IllegalArgumentException("--size " + size + " is over 64 megapixels; the synthetic image is held in memory");
        }
    }

    /** The LR tile side: --tile, or the backend's automatic one for this model and precision. */
    int tileSide(Backend backend, ModelSpec spec, Storage precision) {
        return tile > 0 ? tile : backend.tileSide(spec, precision);
    }

    /** The synthetic picture of the chosen size, so that timings do not depend on a file. */
    RgbImage image() {
        return SyntheticImage.of(width, height);
    }
}
