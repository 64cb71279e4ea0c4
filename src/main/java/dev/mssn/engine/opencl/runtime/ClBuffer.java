package dev.mssn.engine.opencl.runtime;

import dev.mssn.engine.opencl.binding.ClBinding;

/** One device allocation, owned by exactly one object; {@link #close()} is idempotent. */
public final class ClBuffer implements AutoCloseable {

    private final ClContext context;
    private final ClBinding.Mem mem;
    private final long bytes;
    private final String what;
    private boolean closed;

    ClBuffer(ClContext context, ClBinding.Mem mem, long bytes, String what) {
        this.context = context;
        this.mem = mem;
        this.bytes = bytes;
        this.what = what;
    }

    public ClBinding.Mem mem() {
        return mem;
    }

    public long bytes() {
        return bytes;
    }

    public void write(float[] data) {
        checkFits(4L * data.length);
        ClStatus.check(context.cl().writeBlocking(context.queue(), mem, data), "clEnqueueWriteBuffer(" + what + ")", context.name());
    }

    public void write(byte[] data) {
        checkFits(data.length);
        ClStatus.check(context.cl().writeBlocking(context.queue(), mem, data), "clEnqueueWriteBuffer(" + what + ")", context.name());
    }

    public void read(float[] out) {
        checkFits(4L * out.length);
        ClStatus.check(context.cl().readBlocking(context.queue(), mem, out), "clEnqueueReadBuffer(" + what + ")", context.name());
    }

    public void read(byte[] out) {
        checkFits(out.length);
        ClStatus.check(context.cl().readBlocking(context.queue(), mem, out), "clEnqueueReadBuffer(" + what + ")", context.name());
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
            context.cl().release(mem);
            context.released();
        }
    }
}
