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
    /** Where register blocks start their sums when not accumulating onto dst. */
    private static final float[] ZEROS = new float[4 * L];

    /** {@code a * b + c}, fused where the hardware fuses ({@link MultiplyAdd}); the branch folds away. */
    private static FloatVector madd(FloatVector a, FloatVector b, FloatVector c) {
        return MultiplyAdd.FUSED ? a.fma(b, c) : a.mul(b).add(c);
    }

    @Override
    public String describe() {
        return "vectorised (" + L + " float lanes, jdk.incubator.vector" + MultiplyAdd.note() + ")";
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public int panelWidth(int remaining) {
        if (WIDEST_BLOCK == 4 && (remaining >= 4 * L || remaining == 3 * L)) {
            return Math.min(remaining, 4 * L);
        }
        return remaining >= 2 * L ? 2 * L : L;
    }

    @Override
    public void pointwise(float[] src, int srcOff, int srcStride, int cin, float[] w, int wOff, int cout,
                          float[] dst, int dstOff, int dstStride, int pixels, boolean accumulate, boolean relu6) {
        int p = 0;
        // eight pixels at a time, so that one-vector panels (the x2 tail) still keep eight sums in flight
        for (; p + 8 <= pixels; p += 8) {
            int s0 = srcOff + p * srcStride;
            int d0 = dstOff + p * dstStride;
            for (int o = 0; o < cout; ) {
                int width = panelWidth(cout - o);
                int panel = wOff + o * cin;
                if (width == L) {
                    block8x1(src, s0, srcStride, cin, w, panel, dst, d0 + o, dstStride, accumulate, relu6);
                } else {
                    block4(width, src, s0, srcStride, cin, w, panel, dst, d0 + o, dstStride, accumulate, relu6);
                    block4(width, src, s0 + 4 * srcStride, srcStride, cin, w, panel, dst, d0 + o + 4 * dstStride, dstStride,
                            accumulate, relu6);
                }
                o += width;
            }
        }
        for (; p + 4 <= pixels; p += 4) {
            int s0 = srcOff + p * srcStride;
            int d0 = dstOff + p * dstStride;
            for (int o = 0; o < cout; ) {
                int width = panelWidth(cout - o);
                block4(width, src, s0, srcStride, cin, w, wOff + o * cin, dst, d0 + o, dstStride, accumulate, relu6);
                o += width;
            }
        }
        float lo = relu6 ? 0f : Float.NEGATIVE_INFINITY;
        float hi = relu6 ? 6f : Float.POSITIVE_INFINITY;
        for (; p < pixels; p++) {
            int s = srcOff + p * srcStride;
            int d = dstOff + p * dstStride;
            for (int o = 0; o < cout; ) {
                int width = panelWidth(cout - o);
                int panel = wOff + o * cin;
                for (int v = 0; v < width; v += L) {
                    FloatVector a = FloatVector.fromArray(S, accumulate ? dst : ZEROS, accumulate ? d + o + v : 0);
                    for (int i = 0; i < cin; i++) {
                        a = madd(FloatVector.fromArray(S, w, panel + i * width + v), FloatVector.broadcast(S, src[s + i]), a);
                    }
                    a.max(lo).min(hi).intoArray(dst, d + o + v);
                }
                o += width;
            }
        }
    }

    /** Four pixels by the panel's width in registers. */
    private static void block4(int width, float[] src, int s0, int ss, int cin, float[] w, int wo,
                               float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        if (width == 4 * L) {
            block4x4(src, s0, ss, cin, w, wo, dst, d0, ds, accumulate, relu6);
        } else if (width == 3 * L) {
            block4x3(src, s0, ss, cin, w, wo, dst, d0, ds, accumulate, relu6);
        } else if (width == 2 * L) {
            block4x2(src, s0, ss, cin, w, wo, dst, d0, ds, accumulate, relu6);
        } else {
            block4x1(src, s0, ss, cin, w, wo, dst, d0, ds, accumulate, relu6);
        }
    }

    /** Four pixels by 4 vectors of outputs in registers over all input channels; weights a panel [cin][4L]. */
    private static void block4x4(float[] src, int s0, int ss, int cin, float[] w, int wo,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        // sums start from what dst holds when accumulating, else from zeros (no vector-valued branches)
        float[] init = accumulate ? dst : ZEROS;
        int i0 = accumulate ? d0 : 0;
        int i1 = accumulate ? d1 : 0;
        int i2 = accumulate ? d2 : 0;
        int i3 = accumulate ? d3 : 0;
        float lo = relu6 ? 0f : Float.NEGATIVE_INFINITY;
        float hi = relu6 ? 6f : Float.POSITIVE_INFINITY;
        FloatVector a00 = FloatVector.fromArray(S, init, i0);
        FloatVector a01 = FloatVector.fromArray(S, init, i0 + L);
        FloatVector a02 = FloatVector.fromArray(S, init, i0 + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, init, i0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, init, i1);
        FloatVector a11 = FloatVector.fromArray(S, init, i1 + L);
        FloatVector a12 = FloatVector.fromArray(S, init, i1 + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, init, i1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, init, i2);
        FloatVector a21 = FloatVector.fromArray(S, init, i2 + L);
        FloatVector a22 = FloatVector.fromArray(S, init, i2 + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, init, i2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, init, i3);
        FloatVector a31 = FloatVector.fromArray(S, init, i3 + L);
        FloatVector a32 = FloatVector.fromArray(S, init, i3 + 2 * L);
        FloatVector a33 = FloatVector.fromArray(S, init, i3 + 3 * L);
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * 4 * L;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * L);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = madd(w0, b0, a00); a01 = madd(w1, b0, a01); a02 = madd(w2, b0, a02); a03 = madd(w3, b0, a03);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = madd(w0, b1, a10); a11 = madd(w1, b1, a11); a12 = madd(w2, b1, a12); a13 = madd(w3, b1, a13);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = madd(w0, b2, a20); a21 = madd(w1, b2, a21); a22 = madd(w2, b2, a22); a23 = madd(w3, b2, a23);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = madd(w0, b3, a30); a31 = madd(w1, b3, a31); a32 = madd(w2, b3, a32); a33 = madd(w3, b3, a33);
        }
        a00.max(lo).min(hi).intoArray(dst, d0);
        a01.max(lo).min(hi).intoArray(dst, d0 + L);
        a02.max(lo).min(hi).intoArray(dst, d0 + 2 * L);
        a03.max(lo).min(hi).intoArray(dst, d0 + 3 * L);
        a10.max(lo).min(hi).intoArray(dst, d1);
        a11.max(lo).min(hi).intoArray(dst, d1 + L);
        a12.max(lo).min(hi).intoArray(dst, d1 + 2 * L);
        a13.max(lo).min(hi).intoArray(dst, d1 + 3 * L);
        a20.max(lo).min(hi).intoArray(dst, d2);
        a21.max(lo).min(hi).intoArray(dst, d2 + L);
        a22.max(lo).min(hi).intoArray(dst, d2 + 2 * L);
        a23.max(lo).min(hi).intoArray(dst, d2 + 3 * L);
        a30.max(lo).min(hi).intoArray(dst, d3);
        a31.max(lo).min(hi).intoArray(dst, d3 + L);
        a32.max(lo).min(hi).intoArray(dst, d3 + 2 * L);
        a33.max(lo).min(hi).intoArray(dst, d3 + 3 * L);
    }

    /** Four pixels by 3 vectors of outputs in registers over all input channels; weights a panel [cin][3L]. */
    private static void block4x3(float[] src, int s0, int ss, int cin, float[] w, int wo,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        // sums start from what dst holds when accumulating, else from zeros (no vector-valued branches)
        float[] init = accumulate ? dst : ZEROS;
        int i0 = accumulate ? d0 : 0;
        int i1 = accumulate ? d1 : 0;
        int i2 = accumulate ? d2 : 0;
        int i3 = accumulate ? d3 : 0;
        float lo = relu6 ? 0f : Float.NEGATIVE_INFINITY;
        float hi = relu6 ? 6f : Float.POSITIVE_INFINITY;
        FloatVector a00 = FloatVector.fromArray(S, init, i0);
        FloatVector a01 = FloatVector.fromArray(S, init, i0 + L);
        FloatVector a02 = FloatVector.fromArray(S, init, i0 + 2 * L);
        FloatVector a10 = FloatVector.fromArray(S, init, i1);
        FloatVector a11 = FloatVector.fromArray(S, init, i1 + L);
        FloatVector a12 = FloatVector.fromArray(S, init, i1 + 2 * L);
        FloatVector a20 = FloatVector.fromArray(S, init, i2);
        FloatVector a21 = FloatVector.fromArray(S, init, i2 + L);
        FloatVector a22 = FloatVector.fromArray(S, init, i2 + 2 * L);
        FloatVector a30 = FloatVector.fromArray(S, init, i3);
        FloatVector a31 = FloatVector.fromArray(S, init, i3 + L);
        FloatVector a32 = FloatVector.fromArray(S, init, i3 + 2 * L);
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * 3 * L;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = madd(w0, b0, a00); a01 = madd(w1, b0, a01); a02 = madd(w2, b0, a02);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = madd(w0, b1, a10); a11 = madd(w1, b1, a11); a12 = madd(w2, b1, a12);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = madd(w0, b2, a20); a21 = madd(w1, b2, a21); a22 = madd(w2, b2, a22);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = madd(w0, b3, a30); a31 = madd(w1, b3, a31); a32 = madd(w2, b3, a32);
        }
        a00.max(lo).min(hi).intoArray(dst, d0);
        a01.max(lo).min(hi).intoArray(dst, d0 + L);
        a02.max(lo).min(hi).intoArray(dst, d0 + 2 * L);
        a10.max(lo).min(hi).intoArray(dst, d1);
        a11.max(lo).min(hi).intoArray(dst, d1 + L);
        a12.max(lo).min(hi).intoArray(dst, d1 + 2 * L);
        a20.max(lo).min(hi).intoArray(dst, d2);
        a21.max(lo).min(hi).intoArray(dst, d2 + L);
        a22.max(lo).min(hi).intoArray(dst, d2 + 2 * L);
        a30.max(lo).min(hi).intoArray(dst, d3);
        a31.max(lo).min(hi).intoArray(dst, d3 + L);
        a32.max(lo).min(hi).intoArray(dst, d3 + 2 * L);
    }

    /** Four pixels by 2 vectors of outputs in registers over all input channels; weights a panel [cin][2L]. */
    private static void block4x2(float[] src, int s0, int ss, int cin, float[] w, int wo,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        // sums start from what dst holds when accumulating, else from zeros (no vector-valued branches)
        float[] init = accumulate ? dst : ZEROS;
        int i0 = accumulate ? d0 : 0;
        int i1 = accumulate ? d1 : 0;
        int i2 = accumulate ? d2 : 0;
        int i3 = accumulate ? d3 : 0;
        float lo = relu6 ? 0f : Float.NEGATIVE_INFINITY;
        float hi = relu6 ? 6f : Float.POSITIVE_INFINITY;
        FloatVector a00 = FloatVector.fromArray(S, init, i0);
        FloatVector a01 = FloatVector.fromArray(S, init, i0 + L);
        FloatVector a10 = FloatVector.fromArray(S, init, i1);
        FloatVector a11 = FloatVector.fromArray(S, init, i1 + L);
        FloatVector a20 = FloatVector.fromArray(S, init, i2);
        FloatVector a21 = FloatVector.fromArray(S, init, i2 + L);
        FloatVector a30 = FloatVector.fromArray(S, init, i3);
        FloatVector a31 = FloatVector.fromArray(S, init, i3 + L);
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * 2 * L;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = madd(w0, b0, a00); a01 = madd(w1, b0, a01);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = madd(w0, b1, a10); a11 = madd(w1, b1, a11);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = madd(w0, b2, a20); a21 = madd(w1, b2, a21);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = madd(w0, b3, a30); a31 = madd(w1, b3, a31);
        }
        a00.max(lo).min(hi).intoArray(dst, d0);
        a01.max(lo).min(hi).intoArray(dst, d0 + L);
        a10.max(lo).min(hi).intoArray(dst, d1);
        a11.max(lo).min(hi).intoArray(dst, d1 + L);
        a20.max(lo).min(hi).intoArray(dst, d2);
        a21.max(lo).min(hi).intoArray(dst, d2 + L);
        a30.max(lo).min(hi).intoArray(dst, d3);
        a31.max(lo).min(hi).intoArray(dst, d3 + L);
    }

    /** Four pixels by 1 vector of outputs in registers over all input channels; weights a panel [cin][L]. */
    private static void block4x1(float[] src, int s0, int ss, int cin, float[] w, int wo,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        // sums start from what dst holds when accumulating, else from zeros (no vector-valued branches)
        float[] init = accumulate ? dst : ZEROS;
        int i0 = accumulate ? d0 : 0;
        int i1 = accumulate ? d1 : 0;
        int i2 = accumulate ? d2 : 0;
        int i3 = accumulate ? d3 : 0;
        float lo = relu6 ? 0f : Float.NEGATIVE_INFINITY;
        float hi = relu6 ? 6f : Float.POSITIVE_INFINITY;
        FloatVector a00 = FloatVector.fromArray(S, init, i0);
        FloatVector a10 = FloatVector.fromArray(S, init, i1);
        FloatVector a20 = FloatVector.fromArray(S, init, i2);
        FloatVector a30 = FloatVector.fromArray(S, init, i3);
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * L;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = madd(w0, b0, a00);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = madd(w0, b1, a10);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = madd(w0, b2, a20);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = madd(w0, b3, a30);
        }
        a00.max(lo).min(hi).intoArray(dst, d0);
        a10.max(lo).min(hi).intoArray(dst, d1);
        a20.max(lo).min(hi).intoArray(dst, d2);
        a30.max(lo).min(hi).intoArray(dst, d3);
    }

    /** Eight pixels by 1 vector of outputs in registers over all input channels; weights a panel [cin][L]. */
    private static void block8x1(float[] src, int s0, int ss, int cin, float[] w, int wo,
                                 float[] dst, int d0, int ds, boolean accumulate, boolean relu6) {
        int s1 = s0 + ss;
        int s2 = s1 + ss;
        int s3 = s2 + ss;
        int s4 = s3 + ss;
        int s5 = s4 + ss;
        int s6 = s5 + ss;
        int s7 = s6 + ss;
        int d1 = d0 + ds;
        int d2 = d1 + ds;
        int d3 = d2 + ds;
        int d4 = d3 + ds;
        int d5 = d4 + ds;
        int d6 = d5 + ds;
        int d7 = d6 + ds;
        // sums start from what dst holds when accumulating, else from zeros (no vector-valued branches)
        float[] init = accumulate ? dst : ZEROS;
        int i0 = accumulate ? d0 : 0;
        int i1 = accumulate ? d1 : 0;
        int i2 = accumulate ? d2 : 0;
        int i3 = accumulate ? d3 : 0;
        int i4 = accumulate ? d4 : 0;
        int i5 = accumulate ? d5 : 0;
        int i6 = accumulate ? d6 : 0;
        int i7 = accumulate ? d7 : 0;
        float lo = relu6 ? 0f : Float.NEGATIVE_INFINITY;
        float hi = relu6 ? 6f : Float.POSITIVE_INFINITY;
        FloatVector a00 = FloatVector.fromArray(S, init, i0);
        FloatVector a10 = FloatVector.fromArray(S, init, i1);
        FloatVector a20 = FloatVector.fromArray(S, init, i2);
        FloatVector a30 = FloatVector.fromArray(S, init, i3);
        FloatVector a40 = FloatVector.fromArray(S, init, i4);
        FloatVector a50 = FloatVector.fromArray(S, init, i5);
        FloatVector a60 = FloatVector.fromArray(S, init, i6);
        FloatVector a70 = FloatVector.fromArray(S, init, i7);
        for (int i = 0; i < cin; i++) {
            int wi = wo + i * L;
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector b0 = FloatVector.broadcast(S, src[s0 + i]);
            a00 = madd(w0, b0, a00);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = madd(w0, b1, a10);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = madd(w0, b2, a20);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = madd(w0, b3, a30);
            FloatVector b4 = FloatVector.broadcast(S, src[s4 + i]);
            a40 = madd(w0, b4, a40);
            FloatVector b5 = FloatVector.broadcast(S, src[s5 + i]);
            a50 = madd(w0, b5, a50);
            FloatVector b6 = FloatVector.broadcast(S, src[s6 + i]);
            a60 = madd(w0, b6, a60);
            FloatVector b7 = FloatVector.broadcast(S, src[s7 + i]);
            a70 = madd(w0, b7, a70);
        }
        a00.max(lo).min(hi).intoArray(dst, d0);
        a10.max(lo).min(hi).intoArray(dst, d1);
        a20.max(lo).min(hi).intoArray(dst, d2);
        a30.max(lo).min(hi).intoArray(dst, d3);
        a40.max(lo).min(hi).intoArray(dst, d4);
        a50.max(lo).min(hi).intoArray(dst, d5);
        a60.max(lo).min(hi).intoArray(dst, d6);
        a70.max(lo).min(hi).intoArray(dst, d7);
    }

    @Override
    public void depthwiseRelu6(float[] in, int row0Off, int row1Off, int row2Off, int channels, float[] w,
                               float[] dst, int dstOff, int pixels) {
        int c2 = 2 * channels;
        int c3 = 3 * channels;
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
            // four pixels at a time: each input column loaded serves up to three of them
            for (; p + 4 <= pixels; p += 4) {
                int r0 = row0Off + p * channels + c;
                int r1 = row1Off + p * channels + c;
                int r2 = row2Off + p * channels + c;
                FloatVector z = FloatVector.zero(S);
                FloatVector a0 = z;
                FloatVector a1 = z;
                FloatVector a2 = z;
                FloatVector a3 = z;
                FloatVector x00 = FloatVector.fromArray(S, in, r0);
                FloatVector x01 = FloatVector.fromArray(S, in, r0 + channels);
                FloatVector x02 = FloatVector.fromArray(S, in, r0 + c2);
                FloatVector x03 = FloatVector.fromArray(S, in, r0 + c3);
                FloatVector x04 = FloatVector.fromArray(S, in, r0 + 4 * channels);
                FloatVector x05 = FloatVector.fromArray(S, in, r0 + 5 * channels);
                a0 = madd(w02, x02, madd(w01, x01, madd(w00, x00, a0)));
                a1 = madd(w02, x03, madd(w01, x02, madd(w00, x01, a1)));
                a2 = madd(w02, x04, madd(w01, x03, madd(w00, x02, a2)));
                a3 = madd(w02, x05, madd(w01, x04, madd(w00, x03, a3)));
                FloatVector x10 = FloatVector.fromArray(S, in, r1);
                FloatVector x11 = FloatVector.fromArray(S, in, r1 + channels);
                FloatVector x12 = FloatVector.fromArray(S, in, r1 + c2);
                FloatVector x13 = FloatVector.fromArray(S, in, r1 + c3);
                FloatVector x14 = FloatVector.fromArray(S, in, r1 + 4 * channels);
                FloatVector x15 = FloatVector.fromArray(S, in, r1 + 5 * channels);
                a0 = madd(w12, x12, madd(w11, x11, madd(w10, x10, a0)));
                a1 = madd(w12, x13, madd(w11, x12, madd(w10, x11, a1)));
                a2 = madd(w12, x14, madd(w11, x13, madd(w10, x12, a2)));
                a3 = madd(w12, x15, madd(w11, x14, madd(w10, x13, a3)));
                FloatVector x20 = FloatVector.fromArray(S, in, r2);
                FloatVector x21 = FloatVector.fromArray(S, in, r2 + channels);
                FloatVector x22 = FloatVector.fromArray(S, in, r2 + c2);
                FloatVector x23 = FloatVector.fromArray(S, in, r2 + c3);
                FloatVector x24 = FloatVector.fromArray(S, in, r2 + 4 * channels);
                FloatVector x25 = FloatVector.fromArray(S, in, r2 + 5 * channels);
                a0 = madd(w22, x22, madd(w21, x21, madd(w20, x20, a0)));
                a1 = madd(w22, x23, madd(w21, x22, madd(w20, x21, a1)));
                a2 = madd(w22, x24, madd(w21, x23, madd(w20, x22, a2)));
                a3 = madd(w22, x25, madd(w21, x24, madd(w20, x23, a3)));
                int d = dstOff + p * channels + c;
                a0.max(0f).min(6f).intoArray(dst, d);
                a1.max(0f).min(6f).intoArray(dst, d + channels);
                a2.max(0f).min(6f).intoArray(dst, d + c2);
                a3.max(0f).min(6f).intoArray(dst, d + c3);
            }
            for (; p < pixels; p++) {
                int r0 = row0Off + p * channels + c;
                int r1 = row1Off + p * channels + c;
                int r2 = row2Off + p * channels + c;
                FloatVector a = madd(w00, FloatVector.fromArray(S, in, r0), FloatVector.zero(S));
                a = madd(w01, FloatVector.fromArray(S, in, r0 + channels), a);
                a = madd(w02, FloatVector.fromArray(S, in, r0 + c2), a);
                a = madd(w10, FloatVector.fromArray(S, in, r1), a);
                a = madd(w11, FloatVector.fromArray(S, in, r1 + channels), a);
                a = madd(w12, FloatVector.fromArray(S, in, r1 + c2), a);
                a = madd(w20, FloatVector.fromArray(S, in, r2), a);
                a = madd(w21, FloatVector.fromArray(S, in, r2 + channels), a);
                a = madd(w22, FloatVector.fromArray(S, in, r2 + c2), a);
                a.max(0f).min(6f).intoArray(dst, dstOff + p * channels + c);
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
}
