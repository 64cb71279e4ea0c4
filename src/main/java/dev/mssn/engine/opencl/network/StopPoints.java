package dev.mssn.engine.opencl.network;

import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClStatus;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Where a tile's kernels can be stopped. Commands once enqueued cannot be taken back (OpenCL 1.2
 * has no cancel), so the host enqueues the network a step at a time (a step is a unit's kernels)
 * and keeps at most {@link #AHEAD} steps queued beyond what the device has finished, asking the
 * stop signal at each step. A stop then waits for those steps only, not for the rest of the
 * tile, however slow the device; and the device never idles, as the next step is queued before
 * the one before it ends.
 */
final class StopPoints implements AutoCloseable {

    /** Steps queued ahead of the device; two keep it busy while the host wakes up for the next. */
    static final int AHEAD = 2;

    private final ClContext ctx;
    private final BooleanSupplier stop;
    private final ArrayDeque<ClBinding.Event> queued = new ArrayDeque<>(AHEAD + 1);

    StopPoints(ClContext ctx, BooleanSupplier stop) {
        this.ctx = ctx;
        this.stop = stop;
    }

    /**
     * Marks the end of a step on the compute queue; waits until the device is at most
     * {@link #AHEAD} steps behind, then ends the tile with a {@link CancellationException} if
     * the stop signal is true.
     */
    void reached() {
        ClBinding cl = ctx.cl();
        ClBinding.Event end = cl.newEvent();
        ClStatus.check(cl.marker(ctx.queue(), end), "clEnqueueMarkerWithWaitList(step)", ctx.name());
        queued.add(end);
        ClStatus.check(cl.flush(ctx.queue()), "clFlush(step)", ctx.name());
        if (queued.size() > AHEAD) {
            ClBinding.Event oldest = queued.poll();
            try {
                ClStatus.check(cl.waitFor(oldest), "clWaitForEvents(step)", ctx.name());
            } finally {
                cl.release(oldest);
            }
        }
        if (stop.getAsBoolean()) {
            throw new CancellationException("upscale cancelled");
        }
    }

    @Override
    public void close() {
        while (!queued.isEmpty()) {
            ctx.cl().release(queued.poll());
        }
    }
}
