package dev.mssn.engine.cpu;

/**
 * The portable implementation: plain loops with {@link Math#fma}, blocked over four pixels so
 * that each weight row is read once per block. It sums in the same order as
 * {@code VectorKernels}, so the two agree bit for bit.
 */
final class ScalarKernels implements Kernels {

    @Override
    public String describe() {
        return "scalar (start the JVM with --add-modules jdk.incubator.vector for the vectorised path)";
    }

    @Override
    public int lanes() {
        return 1;
    }

    /** Panels as wide as the widest vector kernel's, so that both read weights in the same pattern. */
    @Override
    public int panelWidth(int remaining) {
        return Math.min(remaining, 64);
    }

    @Override
    public void pointwise(float[] src, int srcOff, int srcStride, int cin, float[] w, int wOff, int cout,
                          float[] dst, int dstOff, int dstStride, int pixels, boolean accumulate, boolean relu6) {
        float[] sums = new float[4 * cout];
        int p = 0;
        for (; p + 4 <= pixels; p += 4) {
            int s0 = srcOff + p * srcStride;
            for (int k = 0; k < 4; k++) {
                start(sums, k * cout, dst, dstOff + (p + k) * dstStride, cout, accumulate);
            }
            for (int o0 = 0; o0 < cout; ) {
                int width = panelWidth(cout - o0);
                for (int i = 0; i < cin; i++) {
                    float v0 = src[s0 + i];
                    float v1 = src[s0 + srcStride + i];
                    float v2 = src[s0 + 2 * srcStride + i];
                    float v3 = src[s0 + 3 * srcStride + i];
                    int wi = wOff + o0 * cin + i * width;
                    for (int o = o0; o < o0 + width; o++) {
                        float wv = w[wi + o - o0];
                        sums[o] = Math.fma(wv, v0, sums[o]);
                        sums[cout + o] = Math.fma(wv, v1, sums[cout + o]);
                        sums[2 * cout + o] = Math.fma(wv, v2, sums[2 * cout + o]);
                        sums[3 * cout + o] = Math.fma(wv, v3, sums[3 * cout + o]);
                    }
                }
                o0 += width;
            }
            for (int k = 0; k < 4; k++) {
                put(sums, k * cout, dst, dstOff + (p + k) * dstStride, cout, relu6);
            }
        }
        for (; p < pixels; p++) {
            int s = srcOff + p * srcStride;
            start(sums, 0, dst, dstOff + p * dstStride, cout, accumulate);
            for (int o0 = 0; o0 < cout; ) {
                int width = panelWidth(cout - o0);
                for (int i = 0; i < cin; i++) {
                    float v = src[s + i];
                    int wi = wOff + o0 * cin + i * width;
                    for (int o = o0; o < o0 + width; o++) {
                        sums[o] = Math.fma(w[wi + o - o0], v, sums[o]);
                    }
                }
                o0 += width;
            }
            put(sums, 0, dst, dstOff + p * dstStride, cout, relu6);
        }
    }

    /** Sums start from what dst holds when accumulating, else from zero. */
    private static void start(float[] sums, int from, float[] dst, int off, int n, boolean accumulate) {
        for (int o = 0; o < n; o++) {
            sums[from + o] = accumulate ? dst[off + o] : 0f;
        }
    }

    private static void put(float[] sums, int from, float[] dst, int off, int n, boolean relu6) {
        for (int o = 0; o < n; o++) {
            dst[off + o] = relu6 ? relu6(sums[from + o]) : sums[from + o];
        }
    }

    @Override
    public void depthwiseRelu6(float[] in, int row0Off, int row1Off, int row2Off, int channels, float[] w,
                               float[] dst, int dstOff, int pixels) {
        int[] rows = {row0Off, row1Off, row2Off};
        for (int p = 0; p < pixels; p++) {
            int d = dstOff + p * channels;
            for (int c = 0; c < channels; c++) {
                float acc = 0f;
                for (int ky = 0; ky < 3; ky++) {
                    int base = rows[ky] + p * channels + c;
                    for (int kx = 0; kx < 3; kx++) {
                        acc = Math.fma(w[(ky * 3 + kx) * channels + c], in[base + kx * channels], acc);
                    }
                }
                dst[d + c] = relu6(acc);
            }
        }
    }

    @Override
    public void weightedSum(float a, float[] x, int xOff, float b, float[] y, int yOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = a * x[xOff + i] + b * y[yOff + i];
        }
    }

    static float relu6(float v) {
        return Math.min(Math.max(v, 0f), 6f);
    }
}
