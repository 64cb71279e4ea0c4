package dev.mssn.testutil;

import java.awt.image.BufferedImage;

/** PSNR over the three 8-bit channels of two images as getRGB gives them (not the evaluation protocol's Y). */
public final class RgbPsnr {

    private RgbPsnr() {}

    public static double of(BufferedImage a, BufferedImage b) {
        double se = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (a.getRGB(x, y) >> shift & 0xff) - (b.getRGB(x, y) >> shift & 0xff);
                    se += d * d;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255 / (se / (a.getWidth() * a.getHeight() * 3)));
    }
}
