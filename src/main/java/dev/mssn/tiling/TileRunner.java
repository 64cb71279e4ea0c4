package dev.mssn.tiling;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import java.util.function.IntConsumer;

/** Runs a network tile by tile over an LR image and assembles the HR result. */
public final class TileRunner {

    private TileRunner() {}

    /**
     * @param tileSide LR core side; the halo is the network's receptive radius
     * @param progress told the number of tiles finished after each tile
     */
    public static RgbImage upscale(Network network, RgbImage lr, int tileSide, IntConsumer progress) {
        int s = network.spec().scale();
        int halo = network.spec().receptiveRadius();
        RgbImage out = RgbImage.blank(Math.multiplyExact(lr.width(), s), Math.multiplyExact(lr.height(), s));
        int done = 0;
        for (TilePlan.Tile t : TilePlan.plan(lr.width(), lr.height(), tileSide, halo)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("upscale interrupted");
            }
            RgbImage tileOut = network.upscale(crop(lr, t.input()));
            paste(tileOut, t.coreOffsetX(s), t.coreOffsetY(s), t.core().width() * s, t.core().height() * s,
                    out, t.core().x() * s, t.core().y() * s);
            progress.accept(++done);
        }
        return out;
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
