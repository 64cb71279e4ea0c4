package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/** Launches conv_depthwise.cl, the exact 3x3 depthwise convolution with ReLU6: the oracle of {@link ClDepthwiseConvFast}. */
public final class ClDepthwiseConv implements DepthwiseOp {

    private final ClKernel kernel;

    public ClDepthwiseConv(ClContext ctx, BuildOptions options) {
        kernel = new ClKernel(ctx, KernelSource.CONV_DEPTHWISE, options, "dwconv3x3_relu6");
    }

    @Override
    public void run(ClBuffer in, ClBuffer weight, ClBuffer out, int channels, int width, int height) {
        kernel.args(in, weight, out, channels, width, height)
                .work(Work.depthwise(channels, (long) width * height, kernel.activationBytes())).launch(width, height, channels);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
