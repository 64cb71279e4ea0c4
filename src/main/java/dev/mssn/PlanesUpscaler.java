package dev.mssn;

import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.SelfEnsemble;
import dev.mssn.image.AtomicFiles;
import dev.mssn.image.ImagePlanes;
import dev.mssn.image.PhotoMetadata;
import dev.mssn.image.PngStreamWriter;
import dev.mssn.image.Resampler;
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
    /** LR pixels of periodic border around each image (seamless textures), or 0 for the network's zero borders. */
    private final int wrapMargin;
    private int tileSide; // shrinks for good when the device runs out of memory

    PlanesUpscaler(Network network, int tileSide, String device, boolean selfEnsemble, boolean seamless) {
        this.network = network;
        this.tileSide = tileSide;
        this.device = device;
        this.selfEnsemble = selfEnsemble;
        // as wide as the network sees: every output pixel then sees the texture's continuation, never zeros
        this.wrapMargin = seamless ? network.spec().receptiveRadius() : 0;
    }

    /**
     * What the tiles run on: the network, or with self-ensemble the network eight times a tile,
     * progress then told after each pass instead of each tile.
     */
    private Network tileNetwork(Runnable tick) {
        return selfEnsemble ? new SelfEnsemble(network, tick) : network;
    }

    private Runnable tileTick(Runnable tick) {
        return selfEnsemble ? () -> { } : tick;
    }

    int tileSide() {
        return tileSide;
    }

    Network network() {
        return network;
    }

    /** What frames run on: the network, or with self-ensemble the network eight times a frame. */
    Network frameNetwork() {
        return tileNetwork(() -> { });
    }

    BufferedImage toImage(ImagePlanes planes, ProgressListener progress, BooleanSupplier cancelled) {
        int s = network.spec().scale();
        return toImage(planes, planes.width() * s, planes.height() * s, progress, cancelled);
    }

    /**
     * Upscales in memory to {@code width} x {@code height}: the network's result, resampled
     * (see {@link Resampler}) when that is another size, periodically at the edges for a
     * seamless texture.
     */
    BufferedImage toImage(ImagePlanes planes, int width, int height, ProgressListener progress, BooleanSupplier cancelled) {
        ImagePlanes work = withBorder(planes);
        int s = network.spec().scale();
        return withTileRetry(work, side -> {
            Runnable tick = progressTicker(work, side, progress);
            Network net = tileNetwork(tick);
            RgbImage colour = centre(TileRunner.upscale(net, colourOf(work), side, tileTick(tick), cancelled), planes, s);
            RgbImage alpha = work.hasAlpha() ? centre(TileRunner.upscale(net, alphaOf(work), side, tileTick(tick), cancelled), planes, s)
                    : null;
            return planes.assemble(width, height, resize(colour, width, height), alpha == null ? null : resize(alpha, width, height));
        });
    }

    private byte[] resize(RgbImage hr, int width, int height) {
        return Resampler.resize(hr.rgb(), hr.width(), hr.height(), hr.depth().bytes() * 8, width, height, wrapMargin > 0);
    }

    /** The planes the network runs on: these, or with seamless textures these inside their periodic border. */
    private ImagePlanes withBorder(ImagePlanes planes) {
        return wrapMargin > 0 ? planes.wrapPadded(wrapMargin) : planes;
    }

    /** The part of an upscaled bordered image that is {@code planes}' own: all of it without a border. */
    private RgbImage centre(RgbImage upscaled, ImagePlanes planes, int s) {
        if (wrapMargin == 0) {
            return upscaled;
        }
        int px = upscaled.pixelBytes();
        int w = planes.width() * s;
        int h = planes.height() * s;
        int m = wrapMargin * s;
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), px)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(upscaled.rgb(), ((y + m) * upscaled.width() + m) * px, out, y * w * px, w * px);
        }
        return new RgbImage(w, h, out, upscaled.depth());
    }

    /**
     * Upscales strip by strip straight into a PNG file: the result never exists whole in
     * memory, so the heap needs the input and one strip, not the (scale squared times larger)
     * output.
     */
    void toPng(ImagePlanes planes, byte[] iccProfile, PhotoMetadata metadata, Path out, boolean replace, ProgressListener progress,
               BooleanSupplier cancelled) throws IOException {
        int s = network.spec().scale();
        int hrWidth = Math.multiplyExact(planes.width(), s);
        int hrHeight = Math.multiplyExact(planes.height(), s);
        ImagePlanes work = withBorder(planes);
        int workHrWidth = Math.multiplyExact(work.width(), s);
        int border = wrapMargin * s; // HR rows and columns of the border on each side, not written
        int pixelBytes = planes.samplesPerPixel() * planes.bits() / 8;
        RgbImage colourLr = colourOf(work);
        RgbImage alphaLr = work.hasAlpha() ? alphaOf(work) : null;
        try {
            withTileRetry(work, side -> {
                Runnable tick = progressTicker(work, side, progress);
                Network net = tileNetwork(tick);
                Runnable tileTick = tileTick(tick);
                AtomicFiles.writeAtomically(out, replace, os -> {
                    try (PngStreamWriter png = new PngStreamWriter(os, hrWidth, hrHeight, planes.samplesPerPixel(), planes.bits(),
                            iccProfile, metadata)) {
                        byte[] workRow = new byte[Math.multiplyExact(workHrWidth, pixelBytes)];
                        byte[] row = border == 0 ? workRow : new byte[Math.multiplyExact(hrWidth, pixelBytes)];
                        int hrRow = 0; // of the bordered image
                        for (int strip = 0; strip < TileRunner.stripCount(work.height(), side); strip++) {
                            RgbImage colour = TileRunner.upscaleStrip(net, colourLr, side, strip, tileTick, cancelled);
                            RgbImage alpha = alphaLr == null ? null
                                    : TileRunner.upscaleStrip(net, alphaLr, side, strip, tileTick, cancelled);
                            for (int y = 0; y < colour.height(); y++, hrRow++) {
                                if (hrRow < border || hrRow >= border + hrHeight) {
                                    continue; // the periodic border, there only for the rows inside it
                                }
                                work.row(colour.rgb(), alpha == null ? null : alpha.rgb(), workHrWidth, y, workRow);
                                if (row != workRow) {
                                    System.arraycopy(workRow, border * pixelBytes, row, 0, row.length);
                                }
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
