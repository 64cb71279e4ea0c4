package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/** Launches conv_pointwise_fast.cl: register-blocked 1x1 convolutions, blocks of VW pixels x WPT outputs. */
public final class ClPointwiseConvFast implements PointwiseOp {

    private final ClKernel expand;
    private final ClKernel project;
    private final LaunchParams params;

    public ClPointwiseConvFast(ClContext ctx, BuildOptions options, LaunchParams params) {
        FastKernel.POINTWISE.check(params);
        this.params = params;
        BuildOptions all = options.plus(FastKernel.POINTWISE.defines(params));
        expand = new ClKernel(ctx, KernelSource.CONV_POINTWISE_FAST, all, "conv1x1_expand_relu6_fast");
        project = new ClKernel(ctx, KernelSource.CONV_POINTWISE_FAST, all, "conv1x1_project_fuse_fast");
    }

    /** Transposed to [cin][cout rounded up to WPT], zeros in the padding, so an item's WPT weights are adjacent. */
    @Override
    public float[] pack(float[] weight, int cin, int cout) {
        int stride = stride(cout);
        float[] packed = new float[cin * stride];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                packed[i * stride + o] = weight[o * cin + i];
            }
        }
        return packed;
    }

    private int stride(int cout) {
        return ((cout + params.perItem() - 1) / params.perItem()) * params.perItem();
    }

    @Override
    public void expandRelu6(ClBuffer in, ClBuffer packed, ClBuffer out, int cin, int cout, int plane) {
        expand.args(in, packed, out, cin, cout, stride(cout), plane, blocks(cout))
                .work(Work.pointwise(cin, cout, plane, expand.activationBytes(), false)).launchLocal(global(cout, plane), local());
    }

    @Override
    public void projectFuse(ClBuffer t, ClBuffer packed, ClBuffer y, ClBuffer out, int cin, int cout, int plane, float muRes, float muX) {
        project.args(t, packed, y, out, cin, cout, stride(cout), plane, blocks(cout), muRes, muX)
                .work(Work.pointwise(cin, cout, plane, project.activationBytes(), true)).launchLocal(global(cout, plane), local());
    }

    /** Register blocks per item: as the parameters say, or all of the layer's (0). */
    private int blocks(int cout) {
        int all = (cout + params.perItem() - 1) / params.perItem();
        return params.blocks() == 0 ? all : Math.min(params.blocks(), all);
    }

    private long[] global(int cout, int plane) {
        int outputsPerItem = params.perItem() * blocks(cout);
        return new long[] {(plane + params.vw() - 1) / params.vw(), (cout + outputsPerItem - 1) / outputsPerItem};
    }

    private long[] local() {
        return new long[] {params.localX(), 1};
    }

    @Override
    public void close() {
        expand.close();
        project.close();
    }
}
