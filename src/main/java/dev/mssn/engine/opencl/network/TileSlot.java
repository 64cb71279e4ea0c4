package dev.mssn.engine.opencl.network;

import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClStatus;
import dev.mssn.engine.opencl.runtime.Work;
import java.nio.ByteBuffer;

/**
 * The 8-bit input and output of one tile in flight: device buffers plus direct host staging
 * (non-blocking transfers need memory the garbage collector does not move). Uploads go on the
 * context's upload queue and downloads on its download queue, so they run while the compute
 * queue works on the other slot's tile.
 */
final class TileSlot implements AutoCloseable {

    private static final ClBinding.Event[] NO_EVENTS = {};

    private final ClContext ctx;
    private final String name;
    private ClBuffer in;
    private ClBuffer out;
    private ByteBuffer stagingIn;
    private ByteBuffer stagingOut;

    TileSlot(ClContext ctx, String name) {
        this.ctx = ctx;
        this.name = name;
    }

    /** Makes room for a tile of these sizes; the slot must have nothing in flight. */
    void ensure(int inBytes, int outBytes) {
        if (in == null || in.bytes() < inBytes) {
            close(in);
            in = ctx.allocate(inBytes, name + " rgb_in");
            stagingIn = ByteBuffer.allocateDirect(inBytes);
        }
        if (out == null || out.bytes() < outBytes) {
            close(out);
            out = ctx.allocate(outBytes, name + " rgb_out");
            stagingOut = ByteBuffer.allocateDirect(outBytes);
        }
    }

    ClBuffer in() {
        return in;
    }

    ClBuffer out() {
        return out;
    }

    /** Copies {@code rgb} to staging and starts its upload; the event marks its end. */
    ClBinding.Event upload(byte[] rgb) {
        stagingIn.clear();
        stagingIn.put(rgb).flip();
        ClBinding.Event done = ctx.cl().newEvent();
        ClStatus.check(ctx.cl().write(ctx.uploadQueue(), in.mem(), stagingIn, NO_EVENTS, done),
                "clEnqueueWriteBuffer(" + name + " rgb_in)", ctx.name());
        ctx.profiled("upload", done, new Work(0, rgb.length));
        ClStatus.check(ctx.cl().flush(ctx.uploadQueue()), "clFlush(upload)", ctx.name());
        return done;
    }

    /** Starts the download of {@code bytes} output bytes once {@code after} has happened. */
    ClBinding.Event download(int bytes, ClBinding.Event after) {
        ClBinding.Event done = ctx.cl().newEvent();
        stagingOut.clear().limit(bytes);
        ClStatus.check(ctx.cl().read(ctx.downloadQueue(), out.mem(), stagingOut, new ClBinding.Event[] {after}, done),
                "clEnqueueReadBuffer(" + name + " rgb_out)", ctx.name());
        ctx.profiled("download", done, new Work(0, bytes));
        ClStatus.check(ctx.cl().flush(ctx.downloadQueue()), "clFlush(download)", ctx.name());
        return done;
    }

    /** Waits for a download and copies it out of staging. */
    byte[] collect(ClBinding.Event download, int bytes) {
        ClStatus.check(ctx.cl().waitFor(download), "clWaitForEvents(" + name + " rgb_out)", ctx.name());
        byte[] result = new byte[bytes];
        stagingOut.clear();
        stagingOut.get(result);
        return result;
    }

    private static void close(ClBuffer b) {
        if (b != null) {
            b.close();
        }
    }

    @Override
    public void close() {
        close(in);
        close(out);
        in = null;
        out = null;
    }
}
