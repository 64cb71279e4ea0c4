package dev.mssn.bench;

import dev.mssn.engine.RgbImage;

/** A deterministic picture with smooth areas, edges and fine texture, so timings do not depend on a file. */
final class SyntheticImage {

    private SyntheticImage() {}

    static RgbImage of(int side) {
        byte[] rgb = new byte[side * side * 3];
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
