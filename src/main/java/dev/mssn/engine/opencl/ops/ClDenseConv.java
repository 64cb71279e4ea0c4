package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/** Launches conv_dense.cl, the exact KxK convolution with bias (head, skip, tail): the oracle of {@link ClDenseConvFast}. */
public final class ClDenseConv implements DenseOp {

    private final ClKernel kernel;

    public ClDenseConv(ClContext ctx, BuildOptions options) {
        kernel = new ClKernel(ctx, KernelSource.CONV_DENSE, options, "conv_dense_bias");
    }

    @Override
    public void run(ClBuffer in, ClBuffer weight, ClBuffer bias, ClBuffer out, int cin, int cout, int k, int width, int height) {
        kernel.args(in, weight, bias, out, cin, cout, width, height, k)
                .work(Work.dense(cin, cout, k, (long) width * height, kernel.activationBytes())).launch(width, height, cout);
    }


    @Override
    public float[] packWeight(float[] weight, int cin, int cout, int k) {
        return weight;
    }

    @Override
    public float[] packBias(float[] bias) {
        return bias;
    }

    @Override
    public void close() {
        kernel.close();
    }
}
