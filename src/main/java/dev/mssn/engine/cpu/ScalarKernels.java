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

    @Override
    public void pointwise(float[] src, int srcOff, int srcStride, int cin, float[] w, int wOff, int cout,
                          float[] dst, int dstOff, int dstStride, int pixels, boolean accumulate, boolean relu6) {
        int p = 0;
        for (; p + 4 <= pixels; p += 4) {
            int s0 = srcOff + p * srcStride;
            int d0 = dstOff + p * dstStride;
            int d1 = d0 + dstStride;
            int d2 = d1 + dstStride;
            int d3 = d2 + dstStride;
            if (!accumulate) {
                java.util.Arrays.fill(dst, d0, d0 + cout, 0f);
                java.util.Arrays.fill(dst, d1, d1 + cout, 0f);
                java.util.Arrays.fill(dst, d2, d2 + cout, 0f);
                java.util.Arrays.fill(dst, d3, d3 + cout, 0f);
            }
            for (int i = 0; i < cin; i++) {
                float v0 = src[s0 + i];
                float v1 = src[s0 + srcStride + i];
                float v2 = src[s0 + 2 * srcStride + i];
                float v3 = src[s0 + 3 * srcStride + i];
                int wi = wOff + i * cout;
                for (int o = 0; o < cout; o++) {
                    float wv = w[wi + o];
                    dst[d0 + o] = Math.fma(wv, v0, dst[d0 + o]);
                    dst[d1 + o] = Math.fma(wv, v1, dst[d1 + o]);
                    dst[d2 + o] = Math.fma(wv, v2, dst[d2 + o]);
                    dst[d3 + o] = Math.fma(wv, v3, dst[d3 + o]);
                }
            }
            if (relu6) {
                clamp(dst, d0, cout);
                clamp(dst, d1, cout);
                clamp(dst, d2, cout);
                clamp(dst, d3, cout);
            }
        }
        for (; p < pixels; p++) {
            int s = srcOff + p * srcStride;
            int d = dstOff + p * dstStride;
            if (!accumulate) {
                java.util.Arrays.fill(dst, d, d + cout, 0f);
            }
            for (int i = 0; i < cin; i++) {
                float v = src[s + i];
                int wi = wOff + i * cout;
                for (int o = 0; o < cout; o++) {
                    dst[d + o] = Math.fma(w[wi + o], v, dst[d + o]);
                }
            }
            if (relu6) {
                clamp(dst, d, cout);
            }
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

    private static void clamp(float[] v, int off, int n) {
        for (int i = off; i < off + n; i++) {
            v[i] = relu6(v[i]);
        }
    }

    static float relu6(float v) {
        return Math.min(Math.max(v, 0f), 6f);
    }
}
