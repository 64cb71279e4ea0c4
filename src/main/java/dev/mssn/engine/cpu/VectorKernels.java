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

    private static volatile float sink; // keeps the peak's chains from being optimised away

    @Override
    public long peakFlops(int iterations) {
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector c = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f);
        FloatVector a1 = a0.add(1f), a2 = a0.add(2f), a3 = a0.add(3f), a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f);
        FloatVector a7 = a0.add(7f), a8 = a0.add(8f), a9 = a0.add(9f), a10 = a0.add(10f), a11 = a0.add(11f), a12 = a0.add(12f);
        FloatVector a13 = a0.add(13f), a14 = a0.add(14f), a15 = a0.add(15f);
        // one counted loop: an outer loop around it (to poll a clock) keeps the JIT from holding the chains in registers
        for (int i = 0; i < iterations; i++) {
            a0 = FUSED ? a0.fma(m, c) : a0.mul(m).add(c);
            a1 = FUSED ? a1.fma(m, c) : a1.mul(m).add(c);
            a2 = FUSED ? a2.fma(m, c) : a2.mul(m).add(c);
            a3 = FUSED ? a3.fma(m, c) : a3.mul(m).add(c);
            a4 = FUSED ? a4.fma(m, c) : a4.mul(m).add(c);
            a5 = FUSED ? a5.fma(m, c) : a5.mul(m).add(c);
            a6 = FUSED ? a6.fma(m, c) : a6.mul(m).add(c);
            a7 = FUSED ? a7.fma(m, c) : a7.mul(m).add(c);
            a8 = FUSED ? a8.fma(m, c) : a8.mul(m).add(c);
            a9 = FUSED ? a9.fma(m, c) : a9.mul(m).add(c);
            a10 = FUSED ? a10.fma(m, c) : a10.mul(m).add(c);
            a11 = FUSED ? a11.fma(m, c) : a11.mul(m).add(c);
            a12 = FUSED ? a12.fma(m, c) : a12.mul(m).add(c);
            a13 = FUSED ? a13.fma(m, c) : a13.mul(m).add(c);
            a14 = FUSED ? a14.fma(m, c) : a14.mul(m).add(c);
            a15 = FUSED ? a15.fma(m, c) : a15.mul(m).add(c);
        }
        sink = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12)
                .add(a13).add(a14).add(a15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        return 16L * L * 2 * iterations;
    }

    /**
     * Whether to fuse multiply-adds ({@link MultiplyAdd}). Written out at each use, as
     * {@code FUSED ? a.fma(b, c) : a.mul(b).add(c)}, rather than in a helper: the JIT parses only
     * the branch the constant selects, while a helper called dozens of times in one kernel goes
     * past its inlining budget, and a call that is not inlined boxes its vectors.
     */
    private static final boolean FUSED = MultiplyAdd.FUSED;

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
                        FloatVector wi = FloatVector.fromArray(S, w, panel + i * width + v);
                        FloatVector xi = FloatVector.broadcast(S, src[s + i]);
                        a = FUSED ? wi.fma(xi, a) : wi.mul(xi).add(a);
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
            a00 = FUSED ? w0.fma(b0, a00) : w0.mul(b0).add(a00);
            a01 = FUSED ? w1.fma(b0, a01) : w1.mul(b0).add(a01);
            a02 = FUSED ? w2.fma(b0, a02) : w2.mul(b0).add(a02);
            a03 = FUSED ? w3.fma(b0, a03) : w3.mul(b0).add(a03);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = FUSED ? w0.fma(b1, a10) : w0.mul(b1).add(a10);
            a11 = FUSED ? w1.fma(b1, a11) : w1.mul(b1).add(a11);
            a12 = FUSED ? w2.fma(b1, a12) : w2.mul(b1).add(a12);
            a13 = FUSED ? w3.fma(b1, a13) : w3.mul(b1).add(a13);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = FUSED ? w0.fma(b2, a20) : w0.mul(b2).add(a20);
            a21 = FUSED ? w1.fma(b2, a21) : w1.mul(b2).add(a21);
            a22 = FUSED ? w2.fma(b2, a22) : w2.mul(b2).add(a22);
            a23 = FUSED ? w3.fma(b2, a23) : w3.mul(b2).add(a23);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = FUSED ? w0.fma(b3, a30) : w0.mul(b3).add(a30);
            a31 = FUSED ? w1.fma(b3, a31) : w1.mul(b3).add(a31);
            a32 = FUSED ? w2.fma(b3, a32) : w2.mul(b3).add(a32);
            a33 = FUSED ? w3.fma(b3, a33) : w3.mul(b3).add(a33);
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
            a00 = FUSED ? w0.fma(b0, a00) : w0.mul(b0).add(a00);
            a01 = FUSED ? w1.fma(b0, a01) : w1.mul(b0).add(a01);
            a02 = FUSED ? w2.fma(b0, a02) : w2.mul(b0).add(a02);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = FUSED ? w0.fma(b1, a10) : w0.mul(b1).add(a10);
            a11 = FUSED ? w1.fma(b1, a11) : w1.mul(b1).add(a11);
            a12 = FUSED ? w2.fma(b1, a12) : w2.mul(b1).add(a12);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = FUSED ? w0.fma(b2, a20) : w0.mul(b2).add(a20);
            a21 = FUSED ? w1.fma(b2, a21) : w1.mul(b2).add(a21);
            a22 = FUSED ? w2.fma(b2, a22) : w2.mul(b2).add(a22);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = FUSED ? w0.fma(b3, a30) : w0.mul(b3).add(a30);
            a31 = FUSED ? w1.fma(b3, a31) : w1.mul(b3).add(a31);
            a32 = FUSED ? w2.fma(b3, a32) : w2.mul(b3).add(a32);
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
            a00 = FUSED ? w0.fma(b0, a00) : w0.mul(b0).add(a00);
            a01 = FUSED ? w1.fma(b0, a01) : w1.mul(b0).add(a01);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = FUSED ? w0.fma(b1, a10) : w0.mul(b1).add(a10);
            a11 = FUSED ? w1.fma(b1, a11) : w1.mul(b1).add(a11);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = FUSED ? w0.fma(b2, a20) : w0.mul(b2).add(a20);
            a21 = FUSED ? w1.fma(b2, a21) : w1.mul(b2).add(a21);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = FUSED ? w0.fma(b3, a30) : w0.mul(b3).add(a30);
            a31 = FUSED ? w1.fma(b3, a31) : w1.mul(b3).add(a31);
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
            a00 = FUSED ? w0.fma(b0, a00) : w0.mul(b0).add(a00);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = FUSED ? w0.fma(b1, a10) : w0.mul(b1).add(a10);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = FUSED ? w0.fma(b2, a20) : w0.mul(b2).add(a20);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = FUSED ? w0.fma(b3, a30) : w0.mul(b3).add(a30);
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
            a00 = FUSED ? w0.fma(b0, a00) : w0.mul(b0).add(a00);
            FloatVector b1 = FloatVector.broadcast(S, src[s1 + i]);
            a10 = FUSED ? w0.fma(b1, a10) : w0.mul(b1).add(a10);
            FloatVector b2 = FloatVector.broadcast(S, src[s2 + i]);
            a20 = FUSED ? w0.fma(b2, a20) : w0.mul(b2).add(a20);
            FloatVector b3 = FloatVector.broadcast(S, src[s3 + i]);
            a30 = FUSED ? w0.fma(b3, a30) : w0.mul(b3).add(a30);
            FloatVector b4 = FloatVector.broadcast(S, src[s4 + i]);
            a40 = FUSED ? w0.fma(b4, a40) : w0.mul(b4).add(a40);
            FloatVector b5 = FloatVector.broadcast(S, src[s5 + i]);
            a50 = FUSED ? w0.fma(b5, a50) : w0.mul(b5).add(a50);
            FloatVector b6 = FloatVector.broadcast(S, src[s6 + i]);
            a60 = FUSED ? w0.fma(b6, a60) : w0.mul(b6).add(a60);
            FloatVector b7 = FloatVector.broadcast(S, src[s7 + i]);
            a70 = FUSED ? w0.fma(b7, a70) : w0.mul(b7).add(a70);
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
                a0 = FUSED ? w00.fma(x00, a0) : w00.mul(x00).add(a0);
                a0 = FUSED ? w01.fma(x01, a0) : w01.mul(x01).add(a0);
                a0 = FUSED ? w02.fma(x02, a0) : w02.mul(x02).add(a0);
                a1 = FUSED ? w00.fma(x01, a1) : w00.mul(x01).add(a1);
                a1 = FUSED ? w01.fma(x02, a1) : w01.mul(x02).add(a1);
                a1 = FUSED ? w02.fma(x03, a1) : w02.mul(x03).add(a1);
                a2 = FUSED ? w00.fma(x02, a2) : w00.mul(x02).add(a2);
                a2 = FUSED ? w01.fma(x03, a2) : w01.mul(x03).add(a2);
                a2 = FUSED ? w02.fma(x04, a2) : w02.mul(x04).add(a2);
                a3 = FUSED ? w00.fma(x03, a3) : w00.mul(x03).add(a3);
                a3 = FUSED ? w01.fma(x04, a3) : w01.mul(x04).add(a3);
                a3 = FUSED ? w02.fma(x05, a3) : w02.mul(x05).add(a3);
                FloatVector x10 = FloatVector.fromArray(S, in, r1);
                FloatVector x11 = FloatVector.fromArray(S, in, r1 + channels);
                FloatVector x12 = FloatVector.fromArray(S, in, r1 + c2);
                FloatVector x13 = FloatVector.fromArray(S, in, r1 + c3);
                FloatVector x14 = FloatVector.fromArray(S, in, r1 + 4 * channels);
                FloatVector x15 = FloatVector.fromArray(S, in, r1 + 5 * channels);
                a0 = FUSED ? w10.fma(x10, a0) : w10.mul(x10).add(a0);
                a0 = FUSED ? w11.fma(x11, a0) : w11.mul(x11).add(a0);
                a0 = FUSED ? w12.fma(x12, a0) : w12.mul(x12).add(a0);
                a1 = FUSED ? w10.fma(x11, a1) : w10.mul(x11).add(a1);
                a1 = FUSED ? w11.fma(x12, a1) : w11.mul(x12).add(a1);
                a1 = FUSED ? w12.fma(x13, a1) : w12.mul(x13).add(a1);
                a2 = FUSED ? w10.fma(x12, a2) : w10.mul(x12).add(a2);
                a2 = FUSED ? w11.fma(x13, a2) : w11.mul(x13).add(a2);
                a2 = FUSED ? w12.fma(x14, a2) : w12.mul(x14).add(a2);
                a3 = FUSED ? w10.fma(x13, a3) : w10.mul(x13).add(a3);
                a3 = FUSED ? w11.fma(x14, a3) : w11.mul(x14).add(a3);
                a3 = FUSED ? w12.fma(x15, a3) : w12.mul(x15).add(a3);
                FloatVector x20 = FloatVector.fromArray(S, in, r2);
                FloatVector x21 = FloatVector.fromArray(S, in, r2 + channels);
                FloatVector x22 = FloatVector.fromArray(S, in, r2 + c2);
                FloatVector x23 = FloatVector.fromArray(S, in, r2 + c3);
                FloatVector x24 = FloatVector.fromArray(S, in, r2 + 4 * channels);
                FloatVector x25 = FloatVector.fromArray(S, in, r2 + 5 * channels);
                a0 = FUSED ? w20.fma(x20, a0) : w20.mul(x20).add(a0);
                a0 = FUSED ? w21.fma(x21, a0) : w21.mul(x21).add(a0);
                a0 = FUSED ? w22.fma(x22, a0) : w22.mul(x22).add(a0);
                a1 = FUSED ? w20.fma(x21, a1) : w20.mul(x21).add(a1);
                a1 = FUSED ? w21.fma(x22, a1) : w21.mul(x22).add(a1);
                a1 = FUSED ? w22.fma(x23, a1) : w22.mul(x23).add(a1);
                a2 = FUSED ? w20.fma(x22, a2) : w20.mul(x22).add(a2);
                a2 = FUSED ? w21.fma(x23, a2) : w21.mul(x23).add(a2);
                a2 = FUSED ? w22.fma(x24, a2) : w22.mul(x24).add(a2);
                a3 = FUSED ? w20.fma(x23, a3) : w20.mul(x23).add(a3);
                a3 = FUSED ? w21.fma(x24, a3) : w21.mul(x24).add(a3);
                a3 = FUSED ? w22.fma(x25, a3) : w22.mul(x25).add(a3);
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
                FloatVector a = FloatVector.zero(S);
                FloatVector x00 = FloatVector.fromArray(S, in, r0);
                a = FUSED ? w00.fma(x00, a) : w00.mul(x00).add(a);
                FloatVector x01 = FloatVector.fromArray(S, in, r0 + channels);
                a = FUSED ? w01.fma(x01, a) : w01.mul(x01).add(a);
                FloatVector x02 = FloatVector.fromArray(S, in, r0 + c2);
                a = FUSED ? w02.fma(x02, a) : w02.mul(x02).add(a);
                FloatVector x10 = FloatVector.fromArray(S, in, r1);
                a = FUSED ? w10.fma(x10, a) : w10.mul(x10).add(a);
                FloatVector x11 = FloatVector.fromArray(S, in, r1 + channels);
                a = FUSED ? w11.fma(x11, a) : w11.mul(x11).add(a);
                FloatVector x12 = FloatVector.fromArray(S, in, r1 + c2);
                a = FUSED ? w12.fma(x12, a) : w12.mul(x12).add(a);
                FloatVector x20 = FloatVector.fromArray(S, in, r2);
                a = FUSED ? w20.fma(x20, a) : w20.mul(x20).add(a);
                FloatVector x21 = FloatVector.fromArray(S, in, r2 + channels);
                a = FUSED ? w21.fma(x21, a) : w21.mul(x21).add(a);
                FloatVector x22 = FloatVector.fromArray(S, in, r2 + c2);
                a = FUSED ? w22.fma(x22, a) : w22.mul(x22).add(a);
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
