package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;
import dev.mssn.model.MssnParameters;

/** Launches pixel_shuffle.cl: tail + skip, shuffle, denormalise, round, pack to 8- or 16-bit RGB. */
public final class ClPixelShuffle implements AutoCloseable {

    private final ClKernel u8;
    private final ClKernel u16;

    public ClPixelShuffle(ClContext ctx, BuildOptions options) {
        u8 = new ClKernel(ctx, KernelSource.PIXEL_SHUFFLE, options, "pixel_shuffle_denorm_u8");
        ClKernel k;
        try {
            k = new ClKernel(ctx, KernelSource.PIXEL_SHUFFLE, options, "pixel_shuffle_denorm_u16");
        } catch (RuntimeException e) {
            u8.close();
            throw e;
        }
        u16 = k;
    }

    public void run(ClBuffer tail, ClBuffer skip, ClBuffer rgb, SampleDepth depth, int width, int height, int s) {
        float[] m = MssnParameters.RGB_MEAN;
        int max = depth.max();
        ClKernel k = depth == SampleDepth.BITS_8 ? u8 : u16;
        k.args(tail, skip, rgb, width, height, s, max * m[0], max * m[1], max * m[2])
                .work(Work.shuffle((long) width * height * s * s, depth.bytes(), k.activationBytes()))
                .launch((long) width * s, (long) height * s);
    }

    @Override
    public void close() {
        u8.close();
        u16.close();
    }
}
