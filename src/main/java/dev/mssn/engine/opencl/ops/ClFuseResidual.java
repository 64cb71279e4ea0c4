package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/** Launches fuse_residual.cl: out = a * t + b * y. */
public final class ClFuseResidual implements AutoCloseable {

    private final ClKernel kernel;

    public ClFuseResidual(ClContext ctx, BuildOptions options) {
        kernel = new ClKernel(ctx, KernelSource.FUSE_RESIDUAL, options, "fuse_residual");
    }

    public void run(ClBuffer t, ClBuffer y, ClBuffer out, float a, float b, int n) {
        kernel.args(t, y, out, a, b, n).work(Work.weightedSum(n, kernel.activationBytes())).launch(n);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
