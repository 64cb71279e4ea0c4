package dev.mssn.engine.java;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void anInterruptedCallerGetsTheDocumentedCancellationAndKeepsItsFlag() {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            Thread.currentThread().interrupt();
            assertThrows(CancellationException.class, () -> new Parallel(pool).forEach(4, i -> { }));
            assertTrue(Thread.interrupted(), "the interrupt flag stays set (and is cleared here)");
        } finally {
            Thread.interrupted();
            pool.shutdown();
        }
    }
}
