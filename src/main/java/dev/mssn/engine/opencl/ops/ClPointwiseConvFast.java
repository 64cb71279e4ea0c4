package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.ClBuffer;
import dev.mssn.engine.opencl.ClContext;
import dev.mssn.engine.opencl.ClKernel;
import dev.mssn.engine.opencl.KernelSource;
import dev.mssn.engine.opencl.tuning.LaunchParams;

/** Launches conv_pointwise_fast.cl: register-blocked 1x1 convolutions, VW pixels x WPT outputs per item. */
public final class ClPointwiseConvFast implements PointwiseOp {

    private final ClKernel expand;
    private final ClKernel project;
    private final LaunchParams params;

    public ClPointwiseConvFast(ClContext ctx, String options, LaunchParams params) {
        this.params = params;
        String all = options + " -DVW=" + params.vw() + " -DWPT=" + params.perItem();
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
        expand.args(in, packed, out, cin, cout, stride(cout), plane).launchLocal(global(cout, plane), local());
    }

    @Override
    public void projectFuse(ClBuffer t, ClBuffer packed, ClBuffer y, ClBuffer out, int cin, int cout, int plane, float muRes, float muX) {
        project.args(t, packed, y, out, cin, cout, stride(cout), plane, muRes, muX).launchLocal(global(cout, plane), local());
    }

    private long[] global(int cout, int plane) {
        return new long[] {((plane + params.vw() - 1) / params.vw()), ((cout + params.perItem() - 1) / params.perItem())};
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
