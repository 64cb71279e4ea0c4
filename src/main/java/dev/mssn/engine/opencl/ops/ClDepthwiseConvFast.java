package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/** Launches conv_depthwise_fast.cl: 3x3 depthwise convolution with ReLU6, VW pixels of a row per item. */
public final class ClDepthwiseConvFast implements DepthwiseOp {

    private final ClKernel kernel;
    private final LaunchParams params;

    public ClDepthwiseConvFast(ClContext ctx, BuildOptions options, LaunchParams params) {
        FastKernel.DEPTHWISE.check(params);
        this.params = params;
        kernel = new ClKernel(ctx, KernelSource.CONV_DEPTHWISE_FAST, options.plus(FastKernel.DEPTHWISE.defines(params)), "dwconv3x3_relu6_fast");
    }

    @Override
    public void run(ClBuffer in, ClBuffer weight, ClBuffer out, int channels, int width, int height) {
        kernel.args(in, weight, out, channels, width, height)
                .work(Work.depthwise(channels, (long) width * height, kernel.activationBytes()))
                .launchLocal(new long[] {((width + params.vw() - 1) / params.vw()), height, channels}, new long[] {params.localX(), 1, 1});
    }

    @Override
    public void close() {
        kernel.close();
    }
}
