package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;
import java.util.Arrays;

/** Launches conv_dense_fast.cl: KxK convolution with bias, VW pixels x OPT outputs per item. */
public final class ClDenseConvFast implements DenseOp {

    private static final int MAX_K = 5;

    private final ClKernel kernel;
    private final LaunchParams params;

    public ClDenseConvFast(ClContext ctx, BuildOptions options, LaunchParams params) {
        FastKernel.DENSE.check(params);
        this.params = params;
        kernel = new ClKernel(ctx, KernelSource.CONV_DENSE_FAST, options.plus(FastKernel.DENSE.defines(params)), "conv_dense_bias_fast");
    }

    /** Zero output channels appended up to a multiple of OPT, so an item never reads past the weights. */
    @Override
    public float[] packWeight(float[] weight, int cin, int cout, int k) {
        return Arrays.copyOf(weight, padded(cout) * cin * k * k);
    }

    @Override
    public float[] packBias(float[] bias) {
        return Arrays.copyOf(bias, padded(bias.length));
    }

    private int padded(int cout) {
        return ((cout + params.perItem() - 1) / params.perItem()) * params.perItem();
    }

    @Override
    public void run(ClBuffer in, ClBuffer weight, ClBuffer bias, ClBuffer out, int cin, int cout, int k, int width, int height) {
        if (k > MAX_K || k % 2 == 0) {
            throw new IllegalArgumentException("the fast dense convolution takes odd kernels up to " + MAX_K + ", got " + k);
        }
        kernel.args(in, weight, bias, out, cin, cout, width, height, k)
                .work(Work.dense(cin, cout, k, (long) width * height, kernel.activationBytes())).launchLocal(
                new long[] {((width + params.vw() - 1) / params.vw()), height, ((cout + params.perItem() - 1) / params.perItem())},
                new long[] {params.localX(), 1, 1});
    }

    @Override
    public void close() {
        kernel.close();
    }
}
