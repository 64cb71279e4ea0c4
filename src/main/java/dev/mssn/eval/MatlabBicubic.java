package dev.mssn.eval;

/**
 * MATLAB's {@code imresize(..., 'bicubic')}: Keys cubic (a = -0.5), kernel widened by the factor
 * when shrinking (antialiasing), source coordinate u = x / scale + 0.5 (1 - 1 / scale) in
 * MATLAB's 1-based terms, mirrored borders, rows then columns in double with no rounding between.
 */
public final class MatlabBicubic {

    private MatlabBicubic() {}

    /** Resizes one plane of {@code h x w} doubles to {@code outH x outW} by {@code scale}. */
    public static double[] resize(double[] plane, int h, int w, double scale, int outH, int outW) {
        double[] rows = resizeAxis(plane, h, w, outH, scale, true);
        return resizeAxis(rows, outH, w, outW, scale, false);
    }

    private record Taps(int[][] index, double[][] weight) {}

    static Taps contributions(int inLen, int outLen, double scale) {
        boolean antialias = scale < 1;
        double kernelWidth = antialias ? 4.0 / scale : 4.0;
        int taps = (int) Math.ceil(kernelWidth) + 2;
        int[][] index = new int[outLen][];
        double[][] weight = new double[outLen][];
        for (int x = 1; x <= outLen; x++) {
            double u = x / scale + 0.5 * (1 - 1 / scale);
            double left = Math.floor(u - kernelWidth / 2);
            int[] idx = new int[taps];
            double[] wt = new double[taps];
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double pos = left + j;
                double d = u - pos;
                wt[j] = antialias ? scale * cubic(scale * d) : cubic(d);
                sum += wt[j];
                idx[j] = mirror((int) pos - 1, inLen);
            }
            for (int j = 0; j < taps; j++) {
                wt[j] /= sum;
            }
            index[x - 1] = idx;
            weight[x - 1] = wt;
        }
        return new Taps(index, weight);
    }

    /** Symmetric extension: ... 1 0 | 0 1 ... n-1 | n-1 n-2 ... */
    private static int mirror(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    static double cubic(double x) {
        double a = Math.abs(x);
        double a2 = a * a;
        double a3 = a2 * a;
        if (a <= 1) {
            return 1.5 * a3 - 2.5 * a2 + 1;
        }
        if (a <= 2) {
            return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
        }
        return 0;
    }

    private static double[] resizeAxis(double[] in, int h, int w, int outLen, double scale, boolean vertical) {
        Taps t = contributions(vertical ? h : w, outLen, scale);
        int outH = vertical ? outLen : h;
        int outW = vertical ? w : outLen;
        double[] out = new double[outH * outW];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int o = vertical ? y : x;
                int[] idx = t.index[o];
                double[] wt = t.weight[o];
                double acc = 0;
                for (int j = 0; j < idx.length; j++) {
                    acc += wt[j] * (vertical ? in[idx[j] * w + x] : in[y * w + idx[j]]);
                }
                out[y * outW + x] = acc;
            }
        }
        return out;
    }

    /** Rounds half away from zero (MATLAB's uint8 conversion) and clamps to 0..255. */
    public static double toUint8(double v) {
        double r = Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
        return Math.min(255, Math.max(0, r));
    }
}
