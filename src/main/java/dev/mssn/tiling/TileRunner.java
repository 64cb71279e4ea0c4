package dev.mssn.tiling;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Runs a network tile by tile over an LR image and assembles the HR result. */
public final class TileRunner {

    /** The most tiles a {@link Network} may have in flight, and what the runner uses. */
    public static final int MAX_IN_FLIGHT = 2;

    private TileRunner() {}

    /** The number of tiles {@link #upscale} will run for an image of this size. */
    public static int tileCount(int width, int height, int tileSide) {
        return Math.multiplyExact(stripCount(width, tileSide), stripCount(height, tileSide));
    }

    /** The number of strips (rows of tiles) an image of this height is cut into. */
    public static int stripCount(int height, int tileSide) {
        if (tileSide < 1) {
            throw new IllegalArgumentException("tile side must be positive, got " + tileSide);
        }
        return (int) ((height + (long) tileSide - 1) / tileSide);
    }

    /**
     * Upscales the whole image. {@code tileDone} is told after each tile; {@code cancelled} is
     * asked before each tile and by the network within it, and true (or an interrupted calling
     * thread) stops the run with a {@link CancellationException}.
     *
     * @param tileSide LR core side; the halo is the network's receptive radius
     */
    public static RgbImage upscale(Network network, RgbImage lr, int tileSide, Runnable tileDone, BooleanSupplier cancelled) {
        return upscale(network, lr, tileSide, MAX_IN_FLIGHT, tileDone, cancelled);
    }

    /**
     * {@link #upscale(Network, RgbImage, int, Runnable, BooleanSupplier)} with a choice of 1 or 2
     * tiles in flight; 1 runs tile after tile, which benchmarks compare with the overlapped run.
     */
    public static RgbImage upscale(Network network, RgbImage lr, int tileSide, int tilesInFlight, Runnable tileDone,
                                   BooleanSupplier cancelled) {
        int s = network.spec().scale();
        RgbImage out = RgbImage.blank(Math.multiplyExact(lr.width(), s), Math.multiplyExact(lr.height(), s), lr.depth());
        int offset = 0;
        for (int strip = 0; strip < stripCount(lr.height(), tileSide); strip++) {
            byte[] rows = upscaleStrip(network, lr, tileSide, strip, tilesInFlight, tileDone, cancelled).rgb();
            System.arraycopy(rows, 0, out.rgb(), offset, rows.length);
            offset += rows.length;
        }
        return out;
    }

    /**
     * Upscales one strip: the HR rows of LR rows [strip * tileSide, (strip + 1) * tileSide), all
     * columns. Strips taken in order and stacked give exactly {@link #upscale}'s result, so an
     * image can be written out strip by strip without ever being whole in memory.
     */
    public static RgbImage upscaleStrip(Network network, RgbImage lr, int tileSide, int strip, Runnable tileDone,
                                        BooleanSupplier cancelled) {
        return upscaleStrip(network, lr, tileSide, strip, MAX_IN_FLIGHT, tileDone, cancelled);
    }

    private static RgbImage upscaleStrip(Network network, RgbImage lr, int tileSide, int strip, int tilesInFlight,
                                         Runnable tileDone, BooleanSupplier cancelled) {
        if (tilesInFlight < 1 || tilesInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("tiles in flight must be 1 to " + MAX_IN_FLIGHT + ", got " + tilesInFlight);
        }
        int s = network.spec().scale();
        if (tileSide < 1) {
            throw new IllegalArgumentException("tile side must be positive, got " + tileSide);
        }
        if (strip < 0 || (long) strip * tileSide >= lr.height()) {
            throw new IllegalArgumentException("strip " + strip + " is outside an image of " + lr.height() + " rows");
        }
        int y0 = strip * tileSide;
        int rows = Math.min(tileSide, lr.height() - y0);
        RgbImage out = RgbImage.blank(Math.multiplyExact(lr.width(), s), Math.multiplyExact(rows, s), lr.depth());
        // two tiles in flight: the next one is submitted before this one is awaited, so that a
        // backend that can overlaps its transfers with the other tile's computation
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>(MAX_IN_FLIGHT);
        Thread caller = Thread.currentThread(); // the network asks from its own threads too
        BooleanSupplier stop = () -> cancelled.getAsBoolean() || caller.isInterrupted();
        try {
            for (TilePlan.Tile t : TilePlan.row(lr.width(), lr.height(), tileSide, network.spec().receptiveRadius(), y0)) {
                if (inFlight.size() == tilesInFlight) {
                    inFlight.poll().pasteInto(out, s, tileDone);
                }
                if (stop.getAsBoolean()) {
                    throw new CancellationException("upscale cancelled");
                }
                inFlight.add(new InFlight(t, network.submit(crop(lr, t.input()), stop)));
            }
            while (!inFlight.isEmpty()) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException("upscale cancelled");
                }
                inFlight.poll().pasteInto(out, s, tileDone);
            }
        } finally {
            drain(inFlight);
        }
        return out;
    }

    private record InFlight(TilePlan.Tile tile, Network.Pending pending) {
        void pasteInto(RgbImage out, int s, Runnable tileDone) {
            RgbImage tileOut = pending.await();
            paste(tileOut, tile.coreOffsetX(s), tile.coreOffsetY(s), tile.core().width() * s, tile.core().height() * s,
                    out, tile.core().x() * s, 0);
            tileDone.run();
        }
    }

    /** Collects tiles abandoned by a cancellation or an error, so the backend holds nothing in flight. */
    private static void drain(ArrayDeque<InFlight> inFlight) {
        while (!inFlight.isEmpty()) {
            try {
                inFlight.poll().pending().await();
            } catch (RuntimeException ignored) {
                // the first failure is the one being reported
            }
        }
    }

    static RgbImage crop(RgbImage img, TileRect r) {
        return cropInto(img, r, RgbImage.blank(r.width(), r.height(), img.depth()));
    }

    /** Copies rectangle {@code r} of {@code img} into {@code out}, an image of its size; returns {@code out}. */
    static RgbImage cropInto(RgbImage img, TileRect r, RgbImage out) {
        int px = img.pixelBytes();
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(img.rgb(), ((r.y() + y) * img.width() + r.x()) * px, out.rgb(), y * r.width() * px, r.width() * px);
        }
        return out;
    }

    static void paste(RgbImage src, int sx, int sy, int w, int h, RgbImage dst, int dx, int dy) {
        int px = src.pixelBytes();
        for (int y = 0; y < h; y++) {
            System.arraycopy(src.rgb(), ((sy + y) * src.width() + sx) * px, dst.rgb(), ((dy + y) * dst.width() + dx) * px, w * px);
        }
    }
}
