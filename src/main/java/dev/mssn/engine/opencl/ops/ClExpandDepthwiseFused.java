package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/**
 * Launches mawru_expand_dw_fast.cl: a MAWRU's expansion (+ReLU6) and depthwise convolution
 * (+ReLU6) in one pass, the expanded rows kept in local memory. Its launch parameters read:
 * {@code vw} pixels per item, {@code perItem} hidden channels per group, {@code blocks} rows per
 * strip, {@code localX} items per group.
 */
public final class ClExpandDepthwiseFused implements AutoCloseable {

    private final ClKernel kernel;
    private final LaunchParams params;

    public ClExpandDepthwiseFused(ClContext ctx, BuildOptions options, LaunchParams params) {
        FastKernel.EXPAND_DEPTHWISE.check(params);
        this.params = params;
        kernel = new ClKernel(ctx, KernelSource.MAWRU_EXPAND_DW_FAST, options.plus(FastKernel.EXPAND_DEPTHWISE.defines(params)), "mawru_expand_dw_relu6_fast");
    }

    /** Expansion weights [hidden][cin] transposed to [cin][hidden]. */
    public float[] pack(float[] expand, int cin, int hidden) {
        float[] packed = new float[cin * hidden];
        for (int h = 0; h < hidden; h++) {
            for (int i = 0; i < cin; i++) {
                packed[i * hidden + h] = expand[h * cin + i];
            }
        }
        return packed;
    }

    /** out = relu6(depthwise(relu6(expand(in)))), hidden channels of width x height. */
    public void run(ClBuffer in, ClBuffer packedExpand, ClBuffer depthwise, ClBuffer out, int cin, int hidden, int width, int height) {
        if (hidden % params.perItem() != 0) {
            throw new IllegalArgumentException("the fused expansion takes " + params.perItem() + " hidden channels per group, which "
                    + hidden + " is not a multiple of");
        }
        int span = params.vw() * params.localX();
        long groupsX = (width + span - 3) / (span - 2);
        long strips = (height + params.blocks() - 1) / params.blocks();
        kernel.args(in, packedExpand, depthwise, out, cin, hidden, width, height)
                .work(Work.expandDepthwise(cin, hidden, (long) width * height, kernel.activationBytes())).launchLocal(
                new long[] {groupsX * params.localX(), strips, hidden / params.perItem()}, new long[] {params.localX(), 1, 1});
    }

    @Override
    public void close() {
        kernel.close();
    }
}
