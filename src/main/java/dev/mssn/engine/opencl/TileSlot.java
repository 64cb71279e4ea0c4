package dev.mssn.engine.opencl;

import java.nio.ByteBuffer;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_event;

/**
 * The 8-bit input and output of one tile in flight: device buffers plus direct host staging
 * (non-blocking transfers need memory the garbage collector does not move). Uploads go on the
 * context's upload queue and downloads on its download queue, so they run while the compute
 * queue works on the other slot's tile.
 */
final class TileSlot implements AutoCloseable {

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
    cl_event upload(byte[] rgb) {
        stagingIn.clear();
        stagingIn.put(rgb);
        cl_event done = new cl_event();
        ClStatus.check(CL.clEnqueueWriteBuffer(ctx.uploadQueue(), in.mem(), CL.CL_FALSE, 0, rgb.length,
                Pointer.to(stagingIn), 0, null, done), "clEnqueueWriteBuffer(" + name + " rgb_in)", ctx.name());
        ctx.profiled("upload", done, new Work(0, rgb.length));
        ClStatus.check(CL.clFlush(ctx.uploadQueue()), "clFlush(upload)", ctx.name());
        return done;
    }

    /** Starts the download of {@code bytes} output bytes once {@code after} has happened. */
    cl_event download(int bytes, cl_event after) {
        cl_event done = new cl_event();
        ClStatus.check(CL.clEnqueueReadBuffer(ctx.downloadQueue(), out.mem(), CL.CL_FALSE, 0, bytes,
                Pointer.to(stagingOut), 1, new cl_event[] {after}, done), "clEnqueueReadBuffer(" + name + " rgb_out)", ctx.name());
        ctx.profiled("download", done, new Work(0, bytes));
        ClStatus.check(CL.clFlush(ctx.downloadQueue()), "clFlush(download)", ctx.name());
        return done;
    }

    /** Waits for a download and copies it out of staging. */
    byte[] collect(cl_event download, int bytes) {
        ClStatus.check(CL.clWaitForEvents(1, new cl_event[] {download}), "clWaitForEvents(" + name + " rgb_out)", ctx.name());
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
