package dev.mssn.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stage stops between rows, on every strip, once the thread that started it is interrupted or the call's stop signal is true. */
class RowParallelTest {

    @Test
    void anInterruptStopsEveryStripAtItsNextRow() throws InterruptedException {
        try (RowParallel parallel = new RowParallel(2)) {
            AtomicInteger callerRows = new AtomicInteger();
            AtomicInteger workerRows = new AtomicInteger();
            CountDownLatch workerStarted = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            assertThrows(CancellationException.class, () -> parallel.run(200, (strip, from, to) -> {
                for (int y = from; y < to; y++) {
                    parallel.stopIfAsked();
                    if (strip == 0) {
                        if (callerRows.incrementAndGet() == 10) {
                            await(workerStarted);
                            Thread.currentThread().interrupt(); // as a Ctrl-C does
                            interrupted.countDown();
                        }
                    } else {
                        workerRows.incrementAndGet();
                        workerStarted.countDown();
                        await(interrupted); // the worker's first row lasts until the interrupt
                    }
                }
            }));
            assertEquals(10, callerRows.get(), "the caller's strip stopped at its next row");
            assertEquals(1, workerRows.get(), "the worker's strip stopped at its next row");
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
            int[] rows = {0};
            parallel.run(40, (strip, from, to) -> {
                synchronized (rows) {
                    rows[0] += to - from;
                }
            });
            assertEquals(40, rows[0], "usable afterwards");
        }
    }

    @Test
    void aStopSignalStopsEveryStripAtItsNextRowAndIsForgottenAfterTheCall() {
        try (RowParallel parallel = new RowParallel(3)) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            AtomicInteger rows = new AtomicInteger();
            parallel.stopWhen(stop::get);
            try {
                assertThrows(CancellationException.class, () -> parallel.run(3000, (strip, from, to) -> {
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
            assertTrue(rows.get() < 30 + 3, "each strip stopped at its next row: " + rows.get() + " rows");
            assertTrue(!Thread.currentThread().isInterrupted(), "a stop signal is not an interrupt");
            assertThrows(CancellationException.class, () -> {
                parallel.stopWhen(() -> true);
                try {
                    parallel.run(5, (strip, from, to) -> { });
                } finally {
                    parallel.stopWhen(() -> false);
                }
            }, "a stage does not start once the signal is true");
            int[] done = {0};
            parallel.run(40, (strip, from, to) -> {
                synchronized (done) {
                    done[0] += to - from;
                }
            });
            assertEquals(40, done[0], "usable afterwards");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
