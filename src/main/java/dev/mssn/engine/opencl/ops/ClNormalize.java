package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.ClBuffer;
import dev.mssn.engine.opencl.ClContext;
import dev.mssn.engine.opencl.ClKernel;
import dev.mssn.engine.opencl.KernelSource;
import dev.mssn.model.MssnParameters;

/** Launches io_unpack.cl: 8-bit RGB to normalised planes. */
public final class ClNormalize implements AutoCloseable {

    private final ClKernel kernel;

    public ClNormalize(ClContext ctx, String options) {
        kernel = new ClKernel(ctx, KernelSource.IO_UNPACK, options, "unpack_rgb_u8_normalise");
    }

    public void run(ClBuffer rgb, ClBuffer out, int width, int height) {
        float[] m = MssnParameters.RGB_MEAN;
        kernel.args(rgb, out, width * height, 255f * m[0], 255f * m[1], 255f * m[2]).launch((long) width * height);
    }

    public static long bytes(int width, int height) {
        return (long) width * height * (3 + 12);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
