package dev.mssn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.Cancellation;
import dev.mssn.image.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stop's backstop: when the work does not end within the wait (a worker stuck where no stop
 * is asked), the hook removes the unfinished output itself and says so, and the stuck write
 * can no longer produce a file.
 */
class StopOnSignalTest {

    @Test
    void workThatDoesNotStopInTimeLosesItsTemporaryAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.png");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> ending = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                AtomicFiles.writeAtomically(out, false, os -> {
                    os.write(new byte[1000]);
                    os.flush();
                    writing.countDown();
                    awaitIgnoringInterrupts(release); // stuck: deaf to the interrupt and the cancellation
                    os.write(new byte[1000]);
                });
            } catch (Throwable t) {
                ending.set(t);
            }
        }, "stuck-writer");
        worker.start();
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        assertEquals(1, temporaries(dir).size(), "the temporary is being written");

        Cancellation cancellation = new Cancellation();
        StringWriter said = new StringWriter();
        StopOnSignal stop = new StopOnSignal(cancellation, worker, new CountDownLatch(1), Duration.ofMillis(200), new PrintWriter(said));
        stop.start();
        stop.join(10_000);

        assertFalse(stop.isAlive());
        assertTrue(cancellation.isCancelled());
        assertTrue(said.toString().contains("stopped without waiting longer for the work; the unfinished output was removed"), said.toString());
        assertEquals(List.of(), temporaries(dir), "the temporary went before the JVM would");

        release.countDown();
        worker.join(10_000);
        assertInstanceOf(IOException.class, ending.get(), "the stuck write fails once it goes on");
        assertFalse(Files.exists(out), "and leaves no output");
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void workThatStopsInTimeIsLeftToCleanUpItself() throws Exception {
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException stopped) {
                cleanedUp.countDown();
            }
        });
        worker.start();
        StringWriter said = new StringWriter();
        StopOnSignal stop = new StopOnSignal(new Cancellation(), worker, cleanedUp, Duration.ofSeconds(30), new PrintWriter(said));
        stop.start();
        stop.join(10_000);
        assertFalse(stop.isAlive(), "returned once the work had cleaned up");
        assertEquals("", said.toString());
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                if (latch.await(10, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException ignored) {
                // deaf to it, as stuck work is
            }
        }
    }
}
