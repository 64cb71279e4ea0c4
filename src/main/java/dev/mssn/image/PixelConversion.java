package dev.mssn.image;

import java.awt.image.BufferedImage;

/** {@link BufferedImage} to 8-bit interleaved RGB bytes, as the evaluation protocol reads images. */
public final class PixelConversion {

    private PixelConversion() {}

    /** 8-bit RGB, interleaved; grey and indexed images are expanded, alpha is ignored. */
    public static byte[] toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int o = (y * w + x) * 3;
                out[o] = (byte) (p >> 16);
                out[o + 1] = (byte) (p >> 8);
                out[o + 2] = (byte) p;
            }
        }
        return out;
    }
}
