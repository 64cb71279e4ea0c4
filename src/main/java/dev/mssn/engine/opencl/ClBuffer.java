package dev.mssn.engine.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/** One device allocation, owned by exactly one object; {@link #close()} is idempotent. */
public final class ClBuffer implements AutoCloseable {

    private final ClContext context;
    private final cl_mem mem;
    private final long bytes;
    private final String what;
    private boolean closed;

    ClBuffer(ClContext context, cl_mem mem, long bytes, String what) {
        this.context = context;
        this.mem = mem;
        this.bytes = bytes;
        this.what = what;
    }

    cl_mem mem() {
        return mem;
    }

    public long bytes() {
        return bytes;
    }

    public void write(float[] data) {
        checkFits(4L * data.length);
        ClStatus.check(CL.clEnqueueWriteBuffer(context.queue(), mem, CL.CL_TRUE, 0, (long) Sizeof.cl_float * data.length,
                Pointer.to(data), 0, null, null), "clEnqueueWriteBuffer(" + what + ")", context.name());
    }

    public void write(byte[] data) {
        checkFits(data.length);
        ClStatus.check(CL.clEnqueueWriteBuffer(context.queue(), mem, CL.CL_TRUE, 0, data.length,
                Pointer.to(data), 0, null, null), "clEnqueueWriteBuffer(" + what + ")", context.name());
    }

    public void read(float[] out) {
        checkFits(4L * out.length);
        ClStatus.check(CL.clEnqueueReadBuffer(context.queue(), mem, CL.CL_TRUE, 0, (long) Sizeof.cl_float * out.length,
                Pointer.to(out), 0, null, null), "clEnqueueReadBuffer(" + what + ")", context.name());
    }

    public void read(byte[] out) {
        checkFits(out.length);
        ClStatus.check(CL.clEnqueueReadBuffer(context.queue(), mem, CL.CL_TRUE, 0, out.length,
                Pointer.to(out), 0, null, null), "clEnqueueReadBuffer(" + what + ")", context.name());
    }

    private void checkFits(long n) {
        if (closed) {
            throw new IllegalStateException("buffer " + what + " is closed");
        }
        if (n > bytes) {
            throw new IllegalArgumentException(n + " bytes do not fit buffer " + what + " (" + bytes + " bytes)");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CL.clReleaseMemObject(mem);
            context.released();
        }
    }
}
