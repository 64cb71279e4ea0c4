package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/** Launches conv_pointwise.cl, the exact 1x1 convolutions: the oracle of {@link ClPointwiseConvFast}. */
public final class ClPointwiseConv implements PointwiseOp {

    private final ClKernel expand;
    private final ClKernel project;
    private final int outPerItem;

    public ClPointwiseConv(ClContext ctx, BuildOptions options, int outPerItem) {
        this.outPerItem = outPerItem;
        expand = new ClKernel(ctx, KernelSource.CONV_POINTWISE, options, "conv1x1_expand_relu6");
        project = new ClKernel(ctx, KernelSource.CONV_POINTWISE, options, "conv1x1_project_fuse");
    }

    @Override
    public void expandRelu6(ClBuffer in, ClBuffer weight, ClBuffer out, int cin, int cout, int plane) {
        expand.args(in, weight, out, cin, cout, plane).work(Work.pointwise(cin, cout, plane, expand.activationBytes(), false)).launch(plane, groups(cout));
    }

    /** out = muRes * (W t) + muX * y; out may be y. */
    @Override
    public void projectFuse(ClBuffer t, ClBuffer weight, ClBuffer y, ClBuffer out, int cin, int cout, int plane, float muRes, float muX) {
        project.args(t, weight, y, out, cin, cout, plane, muRes, muX).work(Work.pointwise(cin, cout, plane, project.activationBytes(), true))
                .launch(plane, groups(cout));
    }

    private long groups(int cout) {
        return (cout + outPerItem - 1) / outPerItem;
    }


    @Override
    public float[] pack(float[] weight, int cin, int cout) {
        return weight;
    }

    @Override
    public void close() {
        expand.close();
        project.close();
    }
}
