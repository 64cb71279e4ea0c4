package dev.mssn.viewer;

import java.awt.image.BufferedImage;
import java.util.OptionalDouble;

/**
 * PSNR of a result against a reference image on BT.601 Y with a border of {@code scale}
 * pixels left out: how super-resolution papers score a pair such as Set5's. A reference a few
 * pixels larger than the result (not a multiple of the scale) is cropped at the bottom and
 * right first, as the benchmarks do.
 */
final class Psnr {

    private Psnr() {}

    /** Empty when the two cannot be compared (the reference is smaller, or larger by a scale or more). */
    static OptionalDouble of(BufferedImage result, BufferedImage reference, int scale) {
        int w = result.getWidth();
        int h = result.getHeight();
        int dw = reference.getWidth() - w;
        int dh = reference.getHeight() - h;
        if (dw < 0 || dh < 0 || dw >= scale || dh >= scale || w <= 2 * scale || h <= 2 * scale) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (int y = scale; y < h - scale; y++) {
            for (int x = scale; x < w - scale; x++) {
                double d = luma(result.getRGB(x, y)) - luma(reference.getRGB(x, y));
                sum += d * d;
            }
        }
        double mse = sum / ((double) (w - 2 * scale) * (h - 2 * scale));
        return OptionalDouble.of(mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse));
    }

    static double luma(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255;
    }
}
