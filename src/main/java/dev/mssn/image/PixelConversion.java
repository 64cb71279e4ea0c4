package dev.mssn.image;

import java.awt.image.BufferedImage;

/** Conversions between {@link BufferedImage} and 8-bit interleaved RGB bytes. */
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

    public static BufferedImage fromRgb(int w, int h, byte[] rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                row[x] = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        return img;
    }
}
