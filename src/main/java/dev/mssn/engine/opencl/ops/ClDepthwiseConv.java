package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.ClBuffer;
import dev.mssn.engine.opencl.ClContext;
import dev.mssn.engine.opencl.ClKernel;
import dev.mssn.engine.opencl.KernelSource;

/** Launches conv_depthwise.cl, the exact 3x3 depthwise convolution with ReLU6: the oracle of {@link ClDepthwiseConvFast}. */
public final class ClDepthwiseConv implements DepthwiseOp {

    private final ClKernel kernel;

    public ClDepthwiseConv(ClContext ctx, String options) {
        kernel = new ClKernel(ctx, KernelSource.CONV_DEPTHWISE, options, "dwconv3x3_relu6");
    }

    @Override
    public void run(ClBuffer in, ClBuffer weight, ClBuffer out, int channels, int width, int height) {
        kernel.args(in, weight, out, channels, width, height).launch(width, height, channels);
    }

    public static long flops(int channels, int width, int height) {
        return 2L * 9 * channels * width * height;
    }

    public static long bytes(int channels, int width, int height) {
        return 4L * (2L * channels * width * height + 9L * channels);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
