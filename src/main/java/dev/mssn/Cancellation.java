package dev.mssn;

/**
 * Lets one thread stop an upscale running on another. The running call notices within a tile's
 * work (between rows of a stage on the CPU path, between units of the network on OpenCL), so
 * within a fraction of a second whatever the device's speed, and throws
 * {@link java.util.concurrent.CancellationException}; nothing is written and the
 * {@link GpuSuperResolver} stays usable. Interrupting the calling thread does the same.
 */
public final class Cancellation {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
