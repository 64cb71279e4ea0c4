package dev.mssn.engine.opencl.network;

import dev.mssn.engine.opencl.ops.ClDenseConv;
import dev.mssn.engine.opencl.ops.ClDenseConvFast;
import dev.mssn.engine.opencl.ops.ClDepthwiseConv;
import dev.mssn.engine.opencl.ops.ClDepthwiseConvFast;
import dev.mssn.engine.opencl.ops.ClExpandDepthwiseFused;
import dev.mssn.engine.opencl.ops.ClPointwiseConv;
import dev.mssn.engine.opencl.ops.ClPointwiseConvFast;
import dev.mssn.engine.opencl.ops.DenseOp;
import dev.mssn.engine.opencl.ops.DepthwiseOp;
import dev.mssn.engine.opencl.ops.PointwiseOp;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.tuning.TuningEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The convolution kernels a network runs: the fast ones launched as a tuning entry says, or the
 * exact ones. {@code expandDepthwise} is null unless the entry fuses the expansion with the
 * depthwise convolution.
 */
public record ConvOps(PointwiseOp pointwise, DepthwiseOp depthwise, DenseOp dense, ClExpandDepthwiseFused expandDepthwise)
        implements AutoCloseable {

    public static ConvOps fast(ClContext ctx, BuildOptions options, TuningEntry tuning) {
        List<AutoCloseable> made = new ArrayList<>();
        try {
            PointwiseOp pointwise = made(made, new ClPointwiseConvFast(ctx, options, tuning.pointwise()));
            DepthwiseOp depthwise = made(made, new ClDepthwiseConvFast(ctx, options, tuning.depthwise()));
            DenseOp dense = made(made, new ClDenseConvFast(ctx, options, tuning.dense()));
            ClExpandDepthwiseFused fused = tuning.expandDepthwise() == null ? null
                    : made(made, new ClExpandDepthwiseFused(ctx, options, tuning.expandDepthwise()));
            return new ConvOps(pointwise, depthwise, dense, fused);
        } catch (RuntimeException e) {
            closeAll(made);
            throw e;
        }
    }

    /** The first, plain kernels: the oracle the fast ones are tested against. */
    public static ConvOps exact(ClContext ctx, BuildOptions options, int outPerItem) {
        List<AutoCloseable> made = new ArrayList<>();
        try {
            return new ConvOps(made(made, new ClPointwiseConv(ctx, options, outPerItem)), made(made, new ClDepthwiseConv(ctx, options)),
                    made(made, new ClDenseConv(ctx, options)), null);
        } catch (RuntimeException e) {
            closeAll(made);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T made(List<AutoCloseable> made, T op) {
        made.add(op);
        return op;
    }

    private static void closeAll(List<AutoCloseable> ops) {
        for (AutoCloseable op : ops) {
            try {
                op.close();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        pointwise.close();
        depthwise.close();
        dense.close();
        if (expandDepthwise != null) {
            expandDepthwise.close();
        }
    }
}
