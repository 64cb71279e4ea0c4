package dev.mssn.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an LR image into tiles: each tile's core is at most {@code tileSide} pixels square; its
 * input is the core grown by {@code haloPx} on every side and clipped to the image. With a halo
 * of at least the network's receptive radius the core's output equals the untiled output,
 * because zero padding then only ever applies at the real image border.
 */
public final class TilePlan {

    /** One tile: the core whose output is kept, and the larger input rectangle the network sees. */
    public record Tile(TileRect core, TileRect input) {
        /** Where the core starts inside the network's output for this tile, in HR pixels. */
        public int coreOffsetX(int scale) {
            return (core.x() - input.x()) * scale;
        }

        public int coreOffsetY(int scale) {
            return (core.y() - input.y()) * scale;
        }
    }

    private TilePlan() {}

    public static List<Tile> plan(int width, int height, int tileSide, int haloPx) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (tileSide <= 0) {
            throw new IllegalArgumentException("tile side must be positive, got " + tileSide);
        }
        if (haloPx < 0) {
            throw new IllegalArgumentException("halo must not be negative, got " + haloPx);
        }
        int side = usefulSide(width, height, tileSide);
        List<Tile> tiles = new ArrayList<>();
        for (int y = 0; y < height; y += side) {
            tiles.addAll(row(width, height, side, haloPx, y));
        }
        return tiles;
    }

    /**
     * The tile side that cuts the same tiles as {@code tileSide}: no larger than the image, so
     * that stepping by it cannot overflow (a side of Integer.MAX_VALUE is one tile, as asked).
     */
    public static int usefulSide(int width, int height, int tileSide) {
        return Math.min(tileSide, Math.max(width, height));
    }

    /** The tiles whose cores start at LR row {@code y} (a multiple of tileSide), left to right. */
    static List<Tile> row(int width, int height, int tileSide, int haloPx, int y) {
        tileSide = usefulSide(width, height, tileSide);
        List<Tile> tiles = new ArrayList<>();
        int ch = Math.min(tileSide, height - y);
        int iy0 = Math.max(0, y - haloPx);
        int iy1 = Math.min(height, y + ch + haloPx);
        for (int x = 0; x < width; x += tileSide) {
            int cw = Math.min(tileSide, width - x);
            int ix0 = Math.max(0, x - haloPx);
            int ix1 = Math.min(width, x + cw + haloPx);
            tiles.add(new Tile(new TileRect(x, y, cw, ch), new TileRect(ix0, iy0, ix1 - ix0, iy1 - iy0)));
        }
        return tiles;
    }
}
