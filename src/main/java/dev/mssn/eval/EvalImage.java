package dev.mssn.eval;

import dev.mssn.engine.RgbImage;

/**
 * One ground-truth image as the protocol needs it: 8-bit RGB (grey replicated) and whether the
 * source was single-channel (the published bicubic rows then use the grey value itself as Y).
 */
public record EvalImage(String name, RgbImage rgb, boolean grey) {

    /** Top-left crop to a multiple of {@code s} ("modcrop"). */
    public EvalImage modcrop(int s) {
        int w = rgb.width() - rgb.width() % s;
        int h = rgb.height() - rgb.height() % s;
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException(name + ": " + rgb.width() + "x" + rgb.height() + " is smaller than the scale " + s);
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rgb.rgb(), y * rgb.width() * 3, out, y * w * 3, w * 3);
        }
        return new EvalImage(name, new RgbImage(w, h, out), grey);
    }

    /** BT.601 luma on 0..255 values, unrounded: 16 + (65.481 R + 128.553 G + 24.966 B) / 255. */
    public static double[] luma(RgbImage img) {
        int n = img.width() * img.height();
        double[] y = new double[n];
        byte[] p = img.rgb();
        for (int i = 0; i < n; i++) {
            y[i] = 16 + (65.481 * (p[3 * i] & 0xff) + 128.553 * (p[3 * i + 1] & 0xff) + 24.966 * (p[3 * i + 2] & 0xff)) / 255;
        }
        return y;
    }

    /** The image downscaled by {@code s} with MATLAB's bicubic, per RGB channel, rounded to 8 bits. */
    public static RgbImage downscale(RgbImage hr, int s) {
        int w = hr.width();
        int h = hr.height();
        int ow = (int) Math.ceil(w / (double) s);
        int oh = (int) Math.ceil(h / (double) s);
        byte[] out = new byte[ow * oh * 3];
        for (int c = 0; c < 3; c++) {
            double[] plane = new double[w * h];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = hr.rgb()[3 * i + c] & 0xff;
            }
            double[] lr = MatlabBicubic.resize(plane, h, w, 1.0 / s, oh, ow);
            for (int i = 0; i < lr.length; i++) {
                out[3 * i + c] = (byte) MatlabBicubic.toUint8(lr[i]);
            }
        }
        return new RgbImage(ow, oh, out);
    }
}
