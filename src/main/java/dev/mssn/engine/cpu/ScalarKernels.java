package dev.mssn.engine.cpu;

/**
 * The portable implementation: plain loops with {@link Math#fma}, register-blocked over four
 * pixels by four outputs. It sums in the same order as {@code VectorKernels}, so the two agree
 * bit for bit; it is about 15 times slower.
 */
final class ScalarKernels implements Kernels {

    @Override
    public String describe() {
        return "scalar" + MultiplyAdd.note() + " (start the JVM with --add-modules jdk.incubator.vector for the vectorised path)";
    }

    private static volatile float sink; // keeps the peak's chains from being optimised away

    @Override
    public long peakFlops(int iterations) {
        float m = 0.999999f;
        float c = 1e-7f;
        float a0 = 1f, a1 = 2f, a2 = 3f, a3 = 4f, a4 = 5f, a5 = 6f, a6 = 7f, a7 = 8f;
        float a8 = 9f, a9 = 10f, a10 = 11f, a11 = 12f, a12 = 13f, a13 = 14f, a14 = 15f, a15 = 16f;
        for (int i = 0; i < iterations; i++) {
            a0 = MultiplyAdd.madd(a0, m, c);
            a1 = MultiplyAdd.madd(a1, m, c);
            a2 = MultiplyAdd.madd(a2, m, c);
            a3 = MultiplyAdd.madd(a3, m, c);
            a4 = MultiplyAdd.madd(a4, m, c);
            a5 = MultiplyAdd.madd(a5, m, c);
            a6 = MultiplyAdd.madd(a6, m, c);
            a7 = MultiplyAdd.madd(a7, m, c);
            a8 = MultiplyAdd.madd(a8, m, c);
            a9 = MultiplyAdd.madd(a9, m, c);
            a10 = MultiplyAdd.madd(a10, m, c);
            a11 = MultiplyAdd.madd(a11, m, c);
            a12 = MultiplyAdd.madd(a12, m, c);
            a13 = MultiplyAdd.madd(a13, m, c);
            a14 = MultiplyAdd.madd(a14, m, c);
            a15 = MultiplyAdd.madd(a15, m, c);
        }
        sink = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
        return 16L * 2 * iterations;
    }

    /** Output widths are padded to 4, the width of the scalar register block. */
    @Override
    public int lanes() {
        return 4;
    }

    /** Panels as wide as the widest vector kernel's. */
    @Override
    public int panelWidth(int remaining) {
        return Math.min(remaining, 64);
    }

    @Override
    public void pointwise(float[] src, int srcOff, int srcStride, int cin, float[] w, int wOff, int cout,
                          float[] dst, int dstOff, int dstStride, int pixels, boolean accumulate, boolean relu6) {
        int p = 0;
        for (; p + 4 <= pixels; p += 4) {
            for (int o0 = 0; o0 < cout; ) {
                int width = panelWidth(cout - o0);
                for (int o = 0; o < width; o += 4) {
                    block4x4(src, srcOff + p * srcStride, srcStride, cin, w, wOff + o0 * cin + o, width,
                            dst, dstOff + p * dstStride + o0 + o, dstStride, accumulate, relu6);
                }
                o0 += width;
            }
        }
        for (; p < pixels; p++) {
            int s = srcOff + p * srcStride;
            int d = dstOff + p * dstStride;
            for (int o0 = 0; o0 < cout; ) {
                int width = panelWidth(cout - o0);
                for (int o = 0; o < width; o++) {
                    float sum = accumulate ? dst[d + o0 + o] : 0f;
                    int wi = wOff + o0 * cin + o;
                    for (int i = 0; i < cin; i++) {
                        sum = MultiplyAdd.madd(w[wi + i * width], src[s + i], sum);
                    }
                    dst[d + o0 + o] = relu6 ? relu6(sum) : sum;
                }
                o0 += width;
            }
        }
    }

    /** Four pixels by four outputs in sixteen local sums over all input channels. */
    private static void block4x4(float[] src, int s0, int ss, int cin, float[] w, int wo, int width,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        float a00 = accumulate ? dst[d0 + 0 * ds + 0] : 0f;
        float a01 = accumulate ? dst[d0 + 0 * ds + 1] : 0f;
        float a02 = accumulate ? dst[d0 + 0 * ds + 2] : 0f;
        float a03 = accumulate ? dst[d0 + 0 * ds + 3] : 0f;
        float a10 = accumulate ? dst[d0 + 1 * ds + 0] : 0f;
        float a11 = accumulate ? dst[d0 + 1 * ds + 1] : 0f;
        float a12 = accumulate ? dst[d0 + 1 * ds + 2] : 0f;
        float a13 = accumulate ? dst[d0 + 1 * ds + 3] : 0f;
        float a20 = accumulate ? dst[d0 + 2 * ds + 0] : 0f;
        float a21 = accumulate ? dst[d0 + 2 * ds + 1] : 0f;
        float a22 = accumulate ? dst[d0 + 2 * ds + 2] : 0f;
        float a23 = accumulate ? dst[d0 + 2 * ds + 3] : 0f;
        float a30 = accumulate ? dst[d0 + 3 * ds + 0] : 0f;
        float a31 = accumulate ? dst[d0 + 3 * ds + 1] : 0f;
        float a32 = accumulate ? dst[d0 + 3 * ds + 2] : 0f;
        float a33 = accumulate ? dst[d0 + 3 * ds + 3] : 0f;
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * width;
            float w0 = w[wi];
            float w1 = w[wi + 1];
            float w2 = w[wi + 2];
            float w3 = w[wi + 3];
            float v0 = src[s0 + i];
            a00 = MultiplyAdd.madd(w0, v0, a00); a01 = MultiplyAdd.madd(w1, v0, a01); a02 = MultiplyAdd.madd(w2, v0, a02); a03 = MultiplyAdd.madd(w3, v0, a03);
            float v1 = src[s1 + i];
            a10 = MultiplyAdd.madd(w0, v1, a10); a11 = MultiplyAdd.madd(w1, v1, a11); a12 = MultiplyAdd.madd(w2, v1, a12); a13 = MultiplyAdd.madd(w3, v1, a13);
            float v2 = src[s2 + i];
            a20 = MultiplyAdd.madd(w0, v2, a20); a21 = MultiplyAdd.madd(w1, v2, a21); a22 = MultiplyAdd.madd(w2, v2, a22); a23 = MultiplyAdd.madd(w3, v2, a23);
            float v3 = src[s3 + i];
            a30 = MultiplyAdd.madd(w0, v3, a30); a31 = MultiplyAdd.madd(w1, v3, a31); a32 = MultiplyAdd.madd(w2, v3, a32); a33 = MultiplyAdd.madd(w3, v3, a33);
        }
        dst[d0 + 0 * ds + 0] = relu6 ? relu6(a00) : a00;
        dst[d0 + 0 * ds + 1] = relu6 ? relu6(a01) : a01;
        dst[d0 + 0 * ds + 2] = relu6 ? relu6(a02) : a02;
        dst[d0 + 0 * ds + 3] = relu6 ? relu6(a03) : a03;
        dst[d0 + 1 * ds + 0] = relu6 ? relu6(a10) : a10;
        dst[d0 + 1 * ds + 1] = relu6 ? relu6(a11) : a11;
        dst[d0 + 1 * ds + 2] = relu6 ? relu6(a12) : a12;
        dst[d0 + 1 * ds + 3] = relu6 ? relu6(a13) : a13;
        dst[d0 + 2 * ds + 0] = relu6 ? relu6(a20) : a20;
        dst[d0 + 2 * ds + 1] = relu6 ? relu6(a21) : a21;
        dst[d0 + 2 * ds + 2] = relu6 ? relu6(a22) : a22;
        dst[d0 + 2 * ds + 3] = relu6 ? relu6(a23) : a23;
        dst[d0 + 3 * ds + 0] = relu6 ? relu6(a30) : a30;
        dst[d0 + 3 * ds + 1] = relu6 ? relu6(a31) : a31;
        dst[d0 + 3 * ds + 2] = relu6 ? relu6(a32) : a32;
        dst[d0 + 3 * ds + 3] = relu6 ? relu6(a33) : a33;
    }

    @Override
    public void depthwiseRelu6(float[] in, int row0Off, int row1Off, int row2Off, int channels, float[] w,
                               float[] dst, int dstOff, int pixels) {
        for (int p = 0; p < pixels; p++) {
            int d = dstOff + p * channels;
            for (int c = 0; c < channels; c++) {
                float acc = 0f;
                for (int ky = 0; ky < 3; ky++) {
                    int base = (ky == 0 ? row0Off : ky == 1 ? row1Off : row2Off) + p * channels + c;
                    for (int kx = 0; kx < 3; kx++) {
                        acc = MultiplyAdd.madd(w[(ky * 3 + kx) * channels + c], in[base + kx * channels], acc);
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
