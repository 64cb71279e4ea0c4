package dev.mssn.engine.cpu;

/**
 * The arithmetic of the fast CPU path on channels-last rows, in two implementations: a scalar
 * one that always works and a vectorised one ({@code jdk.incubator.vector}) used when the
 * application adds that module. Both sum in the same order with the same multiply-adds (fused
 * where the processor fuses, {@link MultiplyAdd}), so they give bit-identical results;
 * {@link KernelsLoader} picks one.
 *
 * <p>Output channel counts ({@code cout}, {@code channels}) are multiples of {@link #lanes()}.
 */
interface Kernels {

    /** One line for describe(): which implementation and how wide. */
    String describe();

    /**
     * The width output channel counts are padded to (the vector length, or the scalar
     * register block); C and H must be multiples of it, the shuffle channels are padded.
     */
    int lanes();

    /**
     * Width in floats of the weight panel that starts where {@code remaining} output channels
     * are left: {@link #pointwise} weights are stored in panels of consecutive outputs, each
     * [cin][width], so that a register block reads its weights at a constant stride (which
     * lets the JIT drop the bounds checks). {@link WeightPanels} packs them.
     */
    int panelWidth(int remaining);

    /**
     * A 1x1 convolution over a run of pixels: for p &lt; pixels and o &lt; cout,
     * {@code dst[dstOff + p*dstStride + o] = (accumulate ? dst[..] : 0) + sum_i src[srcOff + p*srcStride + i] * W[i][o]},
     * summed with fma over i ascending, then clamped to [0, 6] if {@code relu6}; W is stored
     * from {@code wOff} in the panels of {@link #panelWidth}. Dense KxK convolutions are this,
     * accumulated over the taps.
     */
    void pointwise(float[] src, int srcOff, int srcStride, int cin, float[] w, int wOff, int cout,
                   float[] dst, int dstOff, int dstStride, int pixels, boolean accumulate, boolean relu6);

    /**
     * A 3x3 depthwise convolution with ReLU6 over a run of pixels, from three rows of
     * {@code channels}-wide pixels that carry one zero pixel on each side: for p &lt; pixels,
     * {@code dst[dstOff + p*channels + c] = relu6(sum_{ky,kx} w[(ky*3 + kx)*channels + c] * in[rowOff[ky] + (p + kx)*channels + c])},
     * summed with fma in ky, kx order.
     */
    void depthwiseRelu6(float[] in, int row0Off, int row1Off, int row2Off, int channels, float[] w,
                        float[] dst, int dstOff, int pixels);

    /** {@code dst[dstOff + i] = a * x[xOff + i] + b * y[yOff + i]} for i &lt; n (two products, then the sum; no fma). */
    void weightedSum(float a, float[] x, int xOff, float b, float[] y, int yOff, float[] dst, int dstOff, int n);

    /**
     * This implementation's peak on one thread: sixteen independent chains of its multiply-adds,
     * at its width, in registers, {@code iterations} times; returns the flops done (2 a
     * multiply-add). The ceiling the kernels are measured against.
     */
    long peakFlops(int iterations);
}
