package dev.mssn.engine.cpu;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs one stage of the network over a tile's rows, cut into one contiguous strip per thread,
 * on the backend's own threads plus the caller's, and returns when every strip is done. Each
 * output row is computed the same way whichever strip holds it, so results do not depend on
 * the thread count.
 */
final class RowParallel implements AutoCloseable {

    /** A stage's work on rows [from, to); {@code strip} numbers the strip (0 .. threads - 1) for per-thread scratch. */
    @FunctionalInterface
    interface Strip {
        void run(int strip, int from, int to);
    }

    private final int threads;
    private final ExecutorService workers;
    /** The thread whose stage runs now; its interrupt stops the strips between rows. */
    private volatile Thread caller;
    /** The current call's stop signal, which stops the strips between rows as an interrupt does. */
    private volatile BooleanSupplier stopRequested = () -> false;
    /** Set once the stage is to stop: waiting for the strips clears the caller's interrupt, so it is kept here. */
    private volatile boolean stopping;

    RowParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            workers = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            workers = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "mssn-cpu-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    int threads() {
        return threads;
    }

    /** Makes {@code stop} end the stages that follow as an interrupt of their caller does; calls do not overlap. */
    void stopWhen(BooleanSupplier stop) {
        stopRequested = stop;
    }

    /**
     * Runs {@code body} over rows [0, rows) and waits for all of it. An interrupted caller (or
     * a stop signal that is true) gets a {@link CancellationException} before the stage starts;
     * one interrupted while waiting still waits for the strips already running (they write
     * shared buffers), then gets it.
     */
    void run(int rows, Strip body) {
        if (Thread.currentThread().isInterrupted() || stopRequested.getAsBoolean()) {
            throw new CancellationException("upscale cancelled");
        }
        caller = Thread.currentThread();
        stopping = false;
        int strips = Math.min(threads, rows);
        if (strips <= 1) {
            body.run(0, 0, rows);
            return;
        }
        Future<?>[] others = new Future<?>[strips - 1];
        for (int k = 1; k < strips; k++) {
            int strip = k;
            others[k - 1] = workers.submit(() -> body.run(strip, start(rows, strips, strip), start(rows, strips, strip + 1)));
        }
        Throwable failure = null;
        try {
            body.run(0, 0, start(rows, strips, 1));
        } catch (RuntimeException | Error e) {
            failure = e;
            stopping |= e instanceof CancellationException;
        }
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopping = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (interrupted) {
            throw new CancellationException("upscale interrupted");
        }
    }

    /**
     * Ends the strip with a {@link CancellationException} once the thread that started the stage
     * is interrupted or the stop signal is true. Strips call it between rows, so that a stop is
     * honoured within a row's work however slow the stage (a CPU without FMA takes minutes for
     * one); the stage's buffers are left half-written, which no later call reads before
     * rewriting them.
     */
    void stopIfAsked() {
        Thread t = caller;
        if (stopping || t != null && t.isInterrupted() || stopRequested.getAsBoolean()) {
            stopping = true;
            throw new CancellationException("upscale cancelled");
        }
    }

    /** First row of strip k when rows are shared as evenly as possible. */
    private static int start(int rows, int strips, int k) {
        return (int) ((long) rows * k / strips);
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdown();
        }
    }
}
