package dev.mssn.tiling;

/** An axis-aligned rectangle of LR pixels: [x, x + width) x [y, y + height). */
public record TileRect(int x, int y, int width, int height) {
    public TileRect {
        if (width <= 0 || height <= 0 || x < 0 || y < 0) {
            throw new IllegalArgumentException("bad tile rectangle " + x + "," + y + " " + width + "x" + height);
        }
    }
}
