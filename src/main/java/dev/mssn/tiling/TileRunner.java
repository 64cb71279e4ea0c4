package dev.mssn.tiling;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/** Runs a network tile by tile over an LR image and assembles the HR result. */
public final class TileRunner {

    private TileRunner() {}

    /** The number of tiles {@link #upscale} will run for an image of this size. */
    public static int tileCount(Network network, int width, int height, int tileSide) {
        return TilePlan.plan(width, height, tileSide, network.spec().receptiveRadius()).size();
    }

    /**
     * @param tileSide LR core side; the halo is the network's receptive radius
     * @param tileDone told after each tile, with no argument meaning; counts are the caller's
     * @param cancelled asked before each tile; true (or an interrupted thread) stops the run
     *     with a {@link CancellationException}
     */
    public static RgbImage upscale(Network network, RgbImage lr, int tileSide, Runnable tileDone, BooleanSupplier cancelled) {
        int s = network.spec().scale();
        RgbImage out = RgbImage.blank(Math.multiplyExact(lr.width(), s), Math.multiplyExact(lr.height(), s));
        List<TilePlan.Tile> tiles = TilePlan.plan(lr.width(), lr.height(), tileSide, network.spec().receptiveRadius());
        for (TilePlan.Tile t : tiles) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("upscale cancelled");
            }
            RgbImage tileOut = network.upscale(crop(lr, t.input()));
            paste(tileOut, t.coreOffsetX(s), t.coreOffsetY(s), t.core().width() * s, t.core().height() * s,
                    out, t.core().x() * s, t.core().y() * s);
            tileDone.run();
        }
        return out;
    }

    /** As above, counting finished tiles for {@code progress}, never cancelled. */
    public static RgbImage upscale(Network network, RgbImage lr, int tileSide, IntConsumer progress) {
        int[] done = {0};
        return upscale(network, lr, tileSide, () -> progress.accept(++done[0]), () -> false);
    }

    static RgbImage crop(RgbImage img, TileRect r) {
        byte[] out = new byte[r.width() * r.height() * 3];
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(img.rgb(), ((r.y() + y) * img.width() + r.x()) * 3, out, y * r.width() * 3, r.width() * 3);
        }
        return new RgbImage(r.width(), r.height(), out);
    }

    private static void paste(RgbImage src, int sx, int sy, int w, int h, RgbImage dst, int dx, int dy) {
        for (int y = 0; y < h; y++) {
            System.arraycopy(src.rgb(), ((sy + y) * src.width() + sx) * 3, dst.rgb(), ((dy + y) * dst.width() + dx) * 3, w * 3);
        }
    }
}
