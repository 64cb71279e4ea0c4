package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.ClContext;
import dev.mssn.engine.opencl.tuning.TuningEntry;

/** The convolution kernels a network runs: the fast ones launched as a tuning entry says, or the exact ones. */
public record ConvOps(PointwiseOp pointwise, DepthwiseOp depthwise, DenseOp dense) implements AutoCloseable {

    public static ConvOps fast(ClContext ctx, String options, TuningEntry tuning) {
        return new ConvOps(new ClPointwiseConvFast(ctx, options, tuning.pointwise()),
                new ClDepthwiseConvFast(ctx, options, tuning.depthwise()), new ClDenseConvFast(ctx, options, tuning.dense()));
    }

    /** The first, plain kernels: the oracle the fast ones are tested against. */
    public static ConvOps exact(ClContext ctx, String options, int outPerItem) {
        return new ConvOps(new ClPointwiseConv(ctx, options, outPerItem), new ClDepthwiseConv(ctx, options), new ClDenseConv(ctx, options));
    }

    @Override
    public void close() {
        pointwise.close();
        depthwise.close();
        dense.close();
    }
}
