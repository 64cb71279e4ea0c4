package dev.mssn.eval;

/** PSNR and SSIM on a Y plane with the protocol's border crop; SSIM as Wang et al. 2004. */
public final class Metrics {

    private Metrics() {}

    /** Crops {@code border} pixels from every side of an h x w plane. */
    public static double[] crop(double[] plane, int h, int w, int border) {
        int ch = h - 2 * border;
        int cw = w - 2 * border;
        if (ch <= 0 || cw <= 0) {
            throw new IllegalArgumentException(w + "x" + h + " is too small to crop " + border + " pixels from each border");
        }
        double[] out = new double[ch * cw];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(plane, (y + border) * w + border, out, y * cw, cw);
        }
        return out;
    }

    public static double psnr(double[] a, double[] b) {
        double mse = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            mse += d * d;
        }
        mse /= a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Mean SSIM map, 11x11 Gaussian window (sigma 1.5), 'valid' filtering, L = 255. */
    public static double ssim(double[] a, double[] b, int h, int w) {
        double[] g = gaussian(11, 1.5);
        double[] aa = new double[a.length];
        double[] bb = new double[a.length];
        double[] ab = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        int oh = h - 10;
        int ow = w - 10;
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("SSIM needs at least 11x11 pixels, got " + w + "x" + h);
        }
        double[] muA = filter(a, h, w, g);
        double[] muB = filter(b, h, w, g);
        double[] sAA = filter(aa, h, w, g);
        double[] sBB = filter(bb, h, w, g);
        double[] sAB = filter(ab, h, w, g);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        for (int i = 0; i < muA.length; i++) {
            double ma = muA[i];
            double mb = muB[i];
            double va = sAA[i] - ma * ma;
            double vb = sBB[i] - mb * mb;
            double cov = sAB[i] - ma * mb;
            sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        }
        return sum / muA.length;
    }

    private static double[] gaussian(int size, double sigma) {
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** Separable 'valid' correlation. */
    private static double[] filter(double[] in, int h, int w, double[] g) {
        int n = g.length;
        int oh = h - n + 1;
        int ow = w - n + 1;
        double[] rows = new double[oh * w];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += g[i] * in[(y + i) * w + x];
                }
                rows[y * w + x] = acc;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += g[i] * rows[y * w + x + i];
                }
                out[y * ow + x] = acc;
            }
        }
        return out;
    }
}
