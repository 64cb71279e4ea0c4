package dev.mssn.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vectorised implementation ({@code jdk.incubator.vector}), loaded only when the JVM has
 * that module ({@link KernelsLoader}). The 1x1 convolutions are register-blocked micro-GEMMs:
 * four pixels by up to four vectors of output channels stay in registers while the input
 * channels stream past, one weight row and four broadcasts feeding up to sixteen fused
 * multiply-adds. Every lane sums in the order {@link ScalarKernels} does.
 */
final class VectorKernels implements Kernels {

    /** The widest species the hardware prefers, capped at 16 floats (every channel width here is a multiple of 16). */
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() > 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /**
     * Vectors of outputs per register block: four need 16 accumulators plus 8 operands, which
     * fits the 32 registers of AVX-512 and SVE; 256-bit AVX2 has 16, so it gets two.
     */
    private static final int WIDEST_BLOCK = S.vectorBitSize() >= 512 ? 4 : 2;

    @Override
    public String describe() {
        return "vectorised (" + L + " float lanes, jdk.incubator.vector)";
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void pointwise(float[] src, int srcOff, int srcStride, int cin, float[] w, int wOff, int cout,
                          float[] dst, int dstOff, int dstStride, int pixels, boolean accumulate, boolean relu6) {
        int p = 0;
        for (; p + 4 <= pixels; p += 4) {
            int s0 = srcOff + p * srcStride;
            int d0 = dstOff + p * dstStride;
            int o = 0;
            if (WIDEST_BLOCK == 4) {
                for (; o + 4 * L <= cout; o += 4 * L) {
                    block4x4(src, s0, srcStride, cin, w, wOff + o, cout, dst, d0 + o, dstStride, accumulate, relu6);
                }
            }
            for (; o + 2 * L <= cout; o += 2 * L) {
                block4x2(src, s0, srcStride, cin, w, wOff + o, cout, dst, d0 + o, dstStride, accumulate, relu6);
            }
            for (; o < cout; o += L) {
                block4x1(src, s0, srcStride, cin, w, wOff + o, cout, dst, d0 + o, dstStride, accumulate, relu6);
            }
        }
        for (; p < pixels; p++) {
            int s = srcOff + p * srcStride;
            int d = dstOff + p * dstStride;
            for (int o = 0; o < cout; o += L) {
                FloatVector a = accumulate ? FloatVector.fromArray(S, dst, d + o) : FloatVector.zero(S);
                for (int i = 0; i < cin; i++) {
                    a = FloatVector.fromArray(S, w, wOff + i * cout + o).fma(FloatVector.broadcast(S, src[s + i]), a);
                }
                store(a, dst, d + o, relu6);
            }
        }
    }

    /** Four pixels by 4 vectors of outputs, in registers over all input channels. */
    private static void block4x4(float[] src, int s0, int ss, int cin, float[] w, int wo, int cout,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
        if (accumulate) {
            a00 = FloatVector.fromArray(S, dst, d0);
            a01 = FloatVector.fromArray(S, dst, d0 + L);
            a02 = FloatVector.fromArray(S, dst, d0 + 2 * L);
            a03 = FloatVector.fromArray(S, dst, d0 + 3 * L);
            a10 = FloatVector.fromArray(S, dst, d1);
            a11 = FloatVector.fromArray(S, dst, d1 + L);
            a12 = FloatVector.fromArray(S, dst, d1 + 2 * L);
            a13 = FloatVector.fromArray(S, dst, d1 + 3 * L);
            a20 = FloatVector.fromArray(S, dst, d2);
            a21 = FloatVector.fromArray(S, dst, d2 + L);
            a22 = FloatVector.fromArray(S, dst, d2 + 2 * L);
            a23 = FloatVector.fromArray(S, dst, d2 + 3 * L);
            a30 = FloatVector.fromArray(S, dst, d3);
            a31 = FloatVector.fromArray(S, dst, d3 + L);
            a32 = FloatVector.fromArray(S, dst, d3 + 2 * L);
            a33 = FloatVector.fromArray(S, dst, d3 + 3 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            a00 = z; a01 = z; a02 = z; a03 = z; a10 = z; a11 = z; a12 = z; a13 = z; a20 = z; a21 = z; a22 = z; a23 = z; a30 = z; a31 = z; a32 = z; a33 = z;
        }
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * cout;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * L);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = w0.fma(b0, a00); a01 = w1.fma(b0, a01); a02 = w2.fma(b0, a02); a03 = w3.fma(b0, a03);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = w0.fma(b1, a10); a11 = w1.fma(b1, a11); a12 = w2.fma(b1, a12); a13 = w3.fma(b1, a13);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = w0.fma(b2, a20); a21 = w1.fma(b2, a21); a22 = w2.fma(b2, a22); a23 = w3.fma(b2, a23);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = w0.fma(b3, a30); a31 = w1.fma(b3, a31); a32 = w2.fma(b3, a32); a33 = w3.fma(b3, a33);
        }
        store(a00, dst, d0, relu6);
        store(a01, dst, d0 + L, relu6);
        store(a02, dst, d0 + 2 * L, relu6);
        store(a03, dst, d0 + 3 * L, relu6);
        store(a10, dst, d1, relu6);
        store(a11, dst, d1 + L, relu6);
        store(a12, dst, d1 + 2 * L, relu6);
        store(a13, dst, d1 + 3 * L, relu6);
        store(a20, dst, d2, relu6);
        store(a21, dst, d2 + L, relu6);
        store(a22, dst, d2 + 2 * L, relu6);
        store(a23, dst, d2 + 3 * L, relu6);
        store(a30, dst, d3, relu6);
        store(a31, dst, d3 + L, relu6);
        store(a32, dst, d3 + 2 * L, relu6);
        store(a33, dst, d3 + 3 * L, relu6);
    }

    /** Four pixels by 2 vectors of outputs, in registers over all input channels. */
    private static void block4x2(float[] src, int s0, int ss, int cin, float[] w, int wo, int cout,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        FloatVector a00, a01, a10, a11, a20, a21, a30, a31;
        if (accumulate) {
            a00 = FloatVector.fromArray(S, dst, d0);
            a01 = FloatVector.fromArray(S, dst, d0 + L);
            a10 = FloatVector.fromArray(S, dst, d1);
            a11 = FloatVector.fromArray(S, dst, d1 + L);
            a20 = FloatVector.fromArray(S, dst, d2);
            a21 = FloatVector.fromArray(S, dst, d2 + L);
            a30 = FloatVector.fromArray(S, dst, d3);
            a31 = FloatVector.fromArray(S, dst, d3 + L);
        } else {
            FloatVector z = FloatVector.zero(S);
            a00 = z; a01 = z; a10 = z; a11 = z; a20 = z; a21 = z; a30 = z; a31 = z;
        }
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * cout;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = w0.fma(b0, a00); a01 = w1.fma(b0, a01);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = w0.fma(b1, a10); a11 = w1.fma(b1, a11);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = w0.fma(b2, a20); a21 = w1.fma(b2, a21);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = w0.fma(b3, a30); a31 = w1.fma(b3, a31);
        }
        store(a00, dst, d0, relu6);
        store(a01, dst, d0 + L, relu6);
        store(a10, dst, d1, relu6);
        store(a11, dst, d1 + L, relu6);
        store(a20, dst, d2, relu6);
        store(a21, dst, d2 + L, relu6);
        store(a30, dst, d3, relu6);
        store(a31, dst, d3 + L, relu6);
    }

    /** Four pixels by 1 vector of outputs, in registers over all input channels. */
    private static void block4x1(float[] src, int s0, int ss, int cin, float[] w, int wo, int cout,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        FloatVector a00, a10, a20, a30;
        if (accumulate) {
            a00 = FloatVector.fromArray(S, dst, d0);
            a10 = FloatVector.fromArray(S, dst, d1);
            a20 = FloatVector.fromArray(S, dst, d2);
            a30 = FloatVector.fromArray(S, dst, d3);
        } else {
            FloatVector z = FloatVector.zero(S);
            a00 = z; a10 = z; a20 = z; a30 = z;
        }
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * cout;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = w0.fma(b0, a00);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = w0.fma(b1, a10);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = w0.fma(b2, a20);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = w0.fma(b3, a30);
        }
        store(a00, dst, d0, relu6);
        store(a10, dst, d1, relu6);
        store(a20, dst, d2, relu6);
        store(a30, dst, d3, relu6);
    }

    @Override
    public void depthwiseRelu6(float[] in, int row0Off, int row1Off, int row2Off, int channels, float[] w,
                               float[] dst, int dstOff, int pixels) {
        for (int c = 0; c < channels; c += L) {
            FloatVector w00 = FloatVector.fromArray(S, w, c);
            FloatVector w01 = FloatVector.fromArray(S, w, channels + c);
            FloatVector w02 = FloatVector.fromArray(S, w, 2 * channels + c);
            FloatVector w10 = FloatVector.fromArray(S, w, 3 * channels + c);
            FloatVector w11 = FloatVector.fromArray(S, w, 4 * channels + c);
            FloatVector w12 = FloatVector.fromArray(S, w, 5 * channels + c);
            FloatVector w20 = FloatVector.fromArray(S, w, 6 * channels + c);
            FloatVector w21 = FloatVector.fromArray(S, w, 7 * channels + c);
            FloatVector w22 = FloatVector.fromArray(S, w, 8 * channels + c);
            int p = 0;
            // four pixels at a time: each loaded input column serves up to three of them
            for (; p + 4 <= pixels; p += 4) {
                FloatVector z = FloatVector.zero(S);
                FloatVector a0 = z;
                FloatVector a1 = z;
                FloatVector a2 = z;
                FloatVector a3 = z;
                for (int ky = 0; ky < 3; ky++) {
                    int base = (ky == 0 ? row0Off : ky == 1 ? row1Off : row2Off) + p * channels + c;
                    FloatVector k0 = ky == 0 ? w00 : ky == 1 ? w10 : w20;
                    FloatVector k1 = ky == 0 ? w01 : ky == 1 ? w11 : w21;
                    FloatVector k2 = ky == 0 ? w02 : ky == 1 ? w12 : w22;
                    FloatVector x0 = FloatVector.fromArray(S, in, base);
                    FloatVector x1 = FloatVector.fromArray(S, in, base + channels);
                    FloatVector x2 = FloatVector.fromArray(S, in, base + 2 * channels);
                    FloatVector x3 = FloatVector.fromArray(S, in, base + 3 * channels);
                    FloatVector x4 = FloatVector.fromArray(S, in, base + 4 * channels);
                    FloatVector x5 = FloatVector.fromArray(S, in, base + 5 * channels);
                    a0 = k2.fma(x2, k1.fma(x1, k0.fma(x0, a0)));
                    a1 = k2.fma(x3, k1.fma(x2, k0.fma(x1, a1)));
                    a2 = k2.fma(x4, k1.fma(x3, k0.fma(x2, a2)));
                    a3 = k2.fma(x5, k1.fma(x4, k0.fma(x3, a3)));
                }
                int d = dstOff + p * channels + c;
                store(a0, dst, d, true);
                store(a1, dst, d + channels, true);
                store(a2, dst, d + 2 * channels, true);
                store(a3, dst, d + 3 * channels, true);
            }
            for (; p < pixels; p++) {
                FloatVector a = FloatVector.zero(S);
                for (int ky = 0; ky < 3; ky++) {
                    int base = (ky == 0 ? row0Off : ky == 1 ? row1Off : row2Off) + p * channels + c;
                    a = (ky == 0 ? w00 : ky == 1 ? w10 : w20).fma(FloatVector.fromArray(S, in, base), a);
                    a = (ky == 0 ? w01 : ky == 1 ? w11 : w21).fma(FloatVector.fromArray(S, in, base + channels), a);
                    a = (ky == 0 ? w02 : ky == 1 ? w12 : w22).fma(FloatVector.fromArray(S, in, base + 2 * channels), a);
                }
                store(a, dst, dstOff + p * channels + c, true);
            }
        }
    }

    @Override
    public void weightedSum(float a, float[] x, int xOff, float b, float[] y, int yOff, float[] dst, int dstOff, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + i);
            FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
            xv.mul(a).add(yv.mul(b)).intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            dst[dstOff + i] = a * x[xOff + i] + b * y[yOff + i];
        }
    }

    private static void store(FloatVector v, float[] dst, int off, boolean relu6) {
        (relu6 ? v.max(0f).min(6f) : v).intoArray(dst, off);
    }
}
