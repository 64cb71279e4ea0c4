package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;
import dev.mssn.model.MssnParameters;

/** Launches io_unpack.cl: 8- or 16-bit RGB to normalised planes. */
public final class ClNormalize implements AutoCloseable {

    private final ClKernel u8;
    private final ClKernel u16;

    public ClNormalize(ClContext ctx, BuildOptions options) {
        u8 = new ClKernel(ctx, KernelSource.IO_UNPACK, options, "unpack_rgb_u8_normalise");
        ClKernel k;
        try {
            k = new ClKernel(ctx, KernelSource.IO_UNPACK, options, "unpack_rgb_u16_normalise");
        } catch (RuntimeException e) {
            u8.close();
            throw e;
        }
        u16 = k;
    }

    public void run(ClBuffer rgb, SampleDepth depth, ClBuffer out, int width, int height) {
        float[] m = MssnParameters.RGB_MEAN;
        int max = depth.max();
        ClKernel k = depth == SampleDepth.BITS_8 ? u8 : u16;
        k.args(rgb, out, width * height, max * m[0], max * m[1], max * m[2])
                .work(Work.normalise((long) width * height, depth.bytes(), k.activationBytes())).launch((long) width * height);
    }

    @Override
    public void close() {
        u8.close();
        u16.close();
    }
}
