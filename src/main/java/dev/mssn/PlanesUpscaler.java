package dev.mssn;

import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.SelfEnsemble;
import dev.mssn.image.AtomicFiles;
import dev.mssn.image.ImagePlanes;
import dev.mssn.image.PngStreamWriter;
import dev.mssn.tiling.TilePlan;
import dev.mssn.tiling.TileRunner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a network over an image's planes (colour, then alpha) tile by tile, into an image or
 * strip by strip into a PNG file, with progress, cancellation and the out-of-memory retry.
 * Not thread-safe: {@link GpuSuperResolver} serialises the calls.
 */
final class PlanesUpscaler {

    private static final Logger log = LoggerFactory.getLogger(PlanesUpscaler.class);

    /** Out-of-memory retries halve the tile side down to this. */
    static final int SMALLEST_TILE = 16;

    private final Network network;
    private final String device;
    private final boolean selfEnsemble;
    private int tileSide; // shrinks for good when the device runs out of memory

    PlanesUpscaler(Network network, int tileSide, String device, boolean selfEnsemble) {
        this.network = network;
        this.tileSide = tileSide;
        this.device = device;
        this.selfEnsemble = selfEnsemble;
    }

    /**
     * What the tiles run on: the network, or with self-ensemble the network eight times a tile,
     * progress then told after each pass instead of each tile.
     */
    private Network tileNetwork(Runnable tick, BooleanSupplier cancelled) {
        return selfEnsemble ? new SelfEnsemble(network, tick, cancelled) : network;
    }

    private Runnable tileTick(Runnable tick) {
        return selfEnsemble ? () -> { } : tick;
    }

    int tileSide() {
        return tileSide;
    }

    BufferedImage toImage(ImagePlanes planes, ProgressListener progress, BooleanSupplier cancelled) {
        return withTileRetry(planes, side -> {
            Runnable tick = progressTicker(planes, side, progress);
            Network net = tileNetwork(tick, cancelled);
            RgbImage colour = TileRunner.upscale(net, colourOf(planes), side, tileTick(tick), cancelled);
            byte[] alpha = planes.hasAlpha()
                    ? TileRunner.upscale(net, alphaOf(planes), side, tileTick(tick), cancelled).rgb()
                    : null;
            return planes.assemble(colour.width(), colour.height(), colour.rgb(), alpha);
        });
    }

    /**
     * Upscales strip by strip straight into a PNG file: the result never exists whole in
     * memory, so the heap needs the input and one strip, not the (scale squared times larger)
     * output.
     */
    void toPng(ImagePlanes planes, byte[] iccProfile, Path out, boolean replace, ProgressListener progress,
               BooleanSupplier cancelled) throws IOException {
        int s = network.spec().scale();
        int hrWidth = Math.multiplyExact(planes.width(), s);
        int hrHeight = Math.multiplyExact(planes.height(), s);
        RgbImage colourLr = colourOf(planes);
        RgbImage alphaLr = planes.hasAlpha() ? alphaOf(planes) : null;
        try {
            withTileRetry(planes, side -> {
                Runnable tick = progressTicker(planes, side, progress);
                Network net = tileNetwork(tick, cancelled);
                Runnable tileTick = tileTick(tick);
                AtomicFiles.writeAtomically(out, replace, os -> {
                    try (PngStreamWriter png = new PngStreamWriter(os, hrWidth, hrHeight, planes.samplesPerPixel(), planes.bits(),
                            iccProfile)) {
                        byte[] row = new byte[Math.multiplyExact(hrWidth, planes.samplesPerPixel() * planes.bits() / 8)];
                        for (int strip = 0; strip < TileRunner.stripCount(planes.height(), side); strip++) {
                            RgbImage colour = TileRunner.upscaleStrip(net, colourLr, side, strip, tileTick, cancelled);
                            RgbImage alpha = alphaLr == null ? null
                                    : TileRunner.upscaleStrip(net, alphaLr, side, strip, tileTick, cancelled);
                            for (int y = 0; y < colour.height(); y++) {
                                planes.row(colour.rgb(), alpha == null ? null : alpha.rgb(), hrWidth, y, row);
                                png.writeRow(row);
                            }
                        }
                        png.finish();
                    }
                });
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Work that runs with a given tile side and may be redone from the start with a smaller one. */
    @FunctionalInterface
    private interface TiledWork<T> {
        T run(int tileSide) throws IOException;
    }

    /**
     * Runs {@code work} with the tile side, no larger than the image, halving it and starting
     * over whenever the device runs out of memory.
     */
    private <T> T withTileRetry(ImagePlanes planes, TiledWork<T> work) {
        while (true) {
            int side = TilePlan.usefulSide(planes.width(), planes.height(), tileSide);
            try {
                return work.run(side);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DeviceFailure e) {
                if (!e.isOutOfMemory() || side <= SMALLEST_TILE) {
                    throw new DeviceException(e);
                }
                int smaller = Math.max(SMALLEST_TILE, side / 2);
                log.warn("{}: out of device memory with {} px tiles ({}); retrying with {} px tiles",
                        device, side, e.status(), smaller);
                tileSide = smaller;
            }
        }
    }

    private Runnable progressTicker(ImagePlanes planes, int side, ProgressListener progress) {
        int total = TileRunner.tileCount(planes.width(), planes.height(), side) * (planes.hasAlpha() ? 2 : 1)
                * (selfEnsemble ? SelfEnsemble.PASSES : 1);
        int[] done = {0};
        return () -> progress.onProgress(++done[0], total);
    }

    private static RgbImage colourOf(ImagePlanes planes) {
        return new RgbImage(planes.width(), planes.height(), planes.rgb(), SampleDepth.ofBits(planes.bits()));
    }

    private static RgbImage alphaOf(ImagePlanes planes) {
        return new RgbImage(planes.width(), planes.height(), planes.alphaAsRgb(), SampleDepth.ofBits(planes.bits()));
    }
}
