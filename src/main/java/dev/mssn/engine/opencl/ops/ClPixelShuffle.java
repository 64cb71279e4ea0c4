package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.ClBuffer;
import dev.mssn.engine.opencl.ClContext;
import dev.mssn.engine.opencl.ClKernel;
import dev.mssn.engine.opencl.KernelSource;
import dev.mssn.model.MssnParameters;

/** Launches pixel_shuffle.cl: tail + skip, shuffle, denormalise, round, pack to 8-bit RGB. */
public final class ClPixelShuffle implements AutoCloseable {

    private final ClKernel kernel;

    public ClPixelShuffle(ClContext ctx, String options) {
        kernel = new ClKernel(ctx, KernelSource.PIXEL_SHUFFLE, options, "pixel_shuffle_denorm_u8");
    }

    public void run(ClBuffer tail, ClBuffer skip, ClBuffer rgb, int width, int height, int s) {
        float[] m = MssnParameters.RGB_MEAN;
        kernel.args(tail, skip, rgb, width, height, s, 255f * m[0], 255f * m[1], 255f * m[2]).launch((long) width * s, (long) height * s);
    }

    public static long bytes(int width, int height, int s) {
        return (long) width * height * s * s * 3 * (4 + 4 + 1);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
