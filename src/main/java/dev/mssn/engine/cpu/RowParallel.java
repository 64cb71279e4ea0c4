package dev.mssn.engine.cpu;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs one stage of the network over a tile's rows on the backend's own threads plus the
 * caller's, and returns when every row is done. The rows are cut into {@link #PIECES_PER_THREAD}
 * contiguous pieces per thread, handed out as threads come free: a thread slowed by other work
 * takes fewer pieces instead of holding the others at the stage's end. Each output row is
 * computed the same way whichever piece holds it, so results do not depend on the thread count
 * or on which thread took which piece. The threads stay parked between stages: a stage
 * allocates nothing.
 */
final class RowParallel implements AutoCloseable {

    /**
     * Pieces per thread: more even out threads of unequal speed, fewer cost less (each piece's
     * first and last rows are expanded twice in a unit). Measured in docs/performance.md.
     */
    static final int PIECES_PER_THREAD = 2;

    /** A stage's work on rows [from, to); {@code piece} numbers the piece (0 .. pieces - 1) for its own scratch. */
    @FunctionalInterface
    interface Strip {
        void run(int piece, int from, int to);
    }

    private final int threads;
    private final Thread[] workers;

    // the stage in progress: written by the caller before the volatile write of stage, read after it
    private Strip body;
    private int rows;
    private int pieces;
    private boolean onePerThread;
    private volatile long stage;
    private final AtomicInteger nextPiece = new AtomicInteger();
    private final AtomicInteger workersBusy = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;

    /** The thread whose stage runs now; its interrupt stops the pieces between rows. */
    private volatile Thread caller;
    /** The current call's stop signal, which stops the pieces between rows as an interrupt does. */
    private volatile BooleanSupplier stopRequested = () -> false;
    /** Set once the stage is to stop: waiting for the pieces clears the caller's interrupt, so it is kept here. */
    private volatile boolean stopping;

    RowParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int k = 1; k < threads; k++) {
            int self = k;
            Thread t = new Thread(() -> workLoop(self), "mssn-cpu-" + k);
            t.setDaemon(true);
            workers[k - 1] = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /** The most pieces a stage is cut into: the number of scratch areas a network needs. */
    int maxPieces() {
        return threads == 1 ? 1 : threads * PIECES_PER_THREAD;
    }

    /** Makes {@code stop} end the stages that follow as an interrupt of their caller does; calls do not overlap. */
    void stopWhen(BooleanSupplier stop) {
        stopRequested = stop;
    }

    /**
     * Runs {@code body} over rows [0, rows) and waits for all of it. An interrupted caller (or
     * a stop signal that is true) gets a {@link CancellationException} before the stage starts;
     * one interrupted while waiting still waits for the pieces already running (they write
     * shared buffers), then gets it.
     */
    void run(int rows, Strip body) {
        stage(rows, Math.min(rows, maxPieces()), false, body);
    }

    /** Runs {@code body} once on every thread, piece k on thread k (the caller is 0), rows [k, k + 1): for benchmarks. */
    void runOnEveryThread(Strip body) {
        stage(threads, threads, true, body);
    }

    private void stage(int rows, int pieces, boolean onePerThread, Strip body) {
        if (Thread.currentThread().isInterrupted() || stopRequested.getAsBoolean()) {
            throw new CancellationException("upscale cancelled");
        }
        if (closed) {
            throw new IllegalStateException("the CPU backend is closed");
        }
        caller = Thread.currentThread();
        stopping = false;
        if (pieces <= 1 || workers.length == 0) {
            for (int p = 0; p < pieces; p++) {
                body.run(p, start(rows, pieces, p), start(rows, pieces, p + 1));
            }
            return;
        }
        this.body = body;
        this.rows = rows;
        this.pieces = pieces;
        this.onePerThread = onePerThread;
        nextPiece.set(0);
        failure.set(null);
        workersBusy.set(workers.length);
        stage++; // publishes the fields above to the workers
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        work(0);
        boolean interrupted = false;
        while (workersBusy.get() > 0) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                stopping = true;
            }
        }
        this.body = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
        if (interrupted) {
            throw new CancellationException("upscale interrupted");
        }
    }

    /** Thread {@code self}'s share of the stage: pieces as they come free, or its own one. */
    private void work(int self) {
        try {
            if (onePerThread) {
                if (self < pieces) {
                    body.run(self, start(rows, pieces, self), start(rows, pieces, self + 1));
                }
                return;
            }
            for (int p = nextPiece.getAndIncrement(); p < pieces; p = nextPiece.getAndIncrement()) {
                body.run(p, start(rows, pieces, p), start(rows, pieces, p + 1));
            }
        } catch (RuntimeException | Error e) {
            // the first failure is the one reported; the others stop at their next row
            if (!failure.compareAndSet(null, e) && !(e instanceof CancellationException)) {
                failure.get().addSuppressed(e);
            }
            stopping = true;
        }
    }

    private void workLoop(int self) {
        long seen = 0;
        while (true) {
            long now = stage;
            while (now == seen && !closed) {
                LockSupport.park(this);
                now = stage;
            }
            if (closed) {
                return;
            }
            seen = now;
            work(self);
            if (workersBusy.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /**
     * Ends the piece with a {@link CancellationException} once the thread that started the stage
     * is interrupted or the stop signal is true. Pieces call it between rows, so that a stop is
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

    /** First row of piece k when rows are shared as evenly as possible. */
    private static int start(int rows, int pieces, int k) {
        return (int) ((long) rows * k / pieces);
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
