package dev.mssn.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stage runner: every row once, pieces handed to threads as they come free, a stop between
 * rows on every thread once the caller is interrupted or the call's stop signal is true, and no
 * allocation per stage.
 */
class RowParallelTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16})
    void everyRowRunsOnceWhateverTheThreadCount(int threads) {
        try (RowParallel parallel = new RowParallel(threads)) {
            for (int rows : new int[] {1, 2, 5, 31, 200}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(rows);
                parallel.run(rows, (piece, from, to) -> {
                    for (int y = from; y < to; y++) {
                        seen.incrementAndGet(y);
                    }
                });
                for (int y = 0; y < rows; y++) {
                    assertEquals(1, seen.get(y), threads + " threads, " + rows + " rows: row " + y);
                }
            }
        }
    }

    @Test
    void aThreadHeldUpLeavesItsShareToTheOthers() {
        try (RowParallel parallel = new RowParallel(2)) {
            Thread caller = Thread.currentThread();
            int pieces = RowParallel.PIECES_PER_THREAD * 2;
            AtomicInteger callerPieces = new AtomicInteger();
            CountDownLatch workerStarted = new CountDownLatch(1);
            CountDownLatch callerDone = new CountDownLatch(1);
            parallel.run(100, (piece, from, to) -> {
                if (Thread.currentThread() == caller) {
                    await(workerStarted); // both at work
                    if (callerPieces.incrementAndGet() == pieces - 1) {
                        callerDone.countDown();
                    }
                } else {
                    workerStarted.countDown();
                    await(callerDone); // a worker busy elsewhere: its first piece lasts until the caller has done the rest
                }
            });
            assertEquals(pieces - 1, callerPieces.get(), "the caller took every piece but the one held up");
        }
    }

    @Test
    void everyThreadRunsItsOwnPieceForBenchmarks() {
        try (RowParallel parallel = new RowParallel(3)) {
            String[] names = new String[3];
            parallel.runOnEveryThread((thread, from, to) -> names[thread] = Thread.currentThread().getName() + " " + from + "-" + to);
            assertEquals(Thread.currentThread().getName() + " 0-1", names[0]);
            assertEquals("mssn-cpu-1 1-2", names[1]);
            assertEquals("mssn-cpu-2 2-3", names[2]);
        }
    }

    @Test
    void anInterruptStopsEveryThreadAtItsNextRow() {
        try (RowParallel parallel = new RowParallel(2)) {
            Thread caller = Thread.currentThread();
            AtomicInteger callerRows = new AtomicInteger();
            AtomicInteger workerRows = new AtomicInteger();
            CountDownLatch workerStarted = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            assertThrows(CancellationException.class, () -> parallel.run(200, (piece, from, to) -> {
                for (int y = from; y < to; y++) {
                    parallel.stopIfAsked();
                    if (Thread.currentThread() == caller) {
                        if (callerRows.incrementAndGet() == 10) {
                            await(workerStarted);
                            caller.interrupt(); // as a Ctrl-C does
                            interrupted.countDown();
                        }
                    } else if (workerRows.incrementAndGet() == 1) {
                        workerStarted.countDown();
                        await(interrupted); // the worker's first row lasts until the interrupt
                    }
                }
            }));
            assertEquals(10, callerRows.get(), "the caller stopped at its next row");
            assertEquals(1, workerRows.get(), "the worker stopped at its next row");
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
            assertUsable(parallel, 40);
        }
    }

    @Test
    void aStopSignalStopsEveryThreadAtItsNextRowAndIsForgottenAfterTheCall() {
        try (RowParallel parallel = new RowParallel(3)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger rows = new AtomicInteger();
            parallel.stopWhen(stop::get);
            try {
                assertThrows(CancellationException.class, () -> parallel.run(3000, (piece, from, to) -> {
                    for (int y = from; y < to; y++) {
                        parallel.stopIfAsked();
                        if (rows.incrementAndGet() == 30) {
                            stop.set(true); // as a Cancellation does, from whichever thread
                        }
                    }
                }));
            } finally {
                parallel.stopWhen(() -> false);
            }
            assertTrue(rows.get() < 30 + 3, "each thread stopped at its next row: " + rows.get() + " rows");
            assertTrue(!Thread.currentThread().isInterrupted(), "a stop signal is not an interrupt");
            assertThrows(CancellationException.class, () -> {
                parallel.stopWhen(() -> true);
                try {
                    parallel.run(5, (piece, from, to) -> { });
                } finally {
                    parallel.stopWhen(() -> false);
                }
            }, "a stage does not start once the signal is true");
            assertUsable(parallel, 40);
        }
    }

    @Test
    void aFailureOnAWorkerIsThrownToTheCaller() {
        try (RowParallel parallel = new RowParallel(2)) {
            Thread caller = Thread.currentThread();
            CountDownLatch failing = new CountDownLatch(1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> parallel.run(50, (piece, from, to) -> {
                if (Thread.currentThread() == caller) {
                    await(failing); // the worker takes a piece
                } else {
                    failing.countDown();
                    throw new IllegalStateException("broken on a worker");
                }
            }));
            assertEquals("broken on a worker", e.getMessage());
            assertUsable(parallel, 8);
        }
    }

    @Test
    void aStageAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (RowParallel parallel = new RowParallel(2)) {
            long[] sum = new long[RowParallel.PIECES_PER_THREAD * 2];
            RowParallel.Strip body = (piece, from, to) -> sum[piece] += to - from;
            for (int i = 0; i < 20_000; i++) {
                parallel.run(64, body); // compiled
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                parallel.run(64, body);
            }
            long perStage = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
            assertTrue(perStage < 8, perStage + " bytes a stage");
        }
    }

    /** Every row of a stage of {@code rows} runs once more: the runner survived what came before. */
    private static void assertUsable(RowParallel parallel, int rows) {
        AtomicInteger done = new AtomicInteger();
        parallel.run(rows, (piece, from, to) -> done.addAndGet(to - from));
        assertEquals(rows, done.get(), "usable afterwards");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
