package dev.mssn.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing an output removes the temporaries an earlier, killed run left for that output, and
 * nothing else: not another output's, not one another run (thread or process) is writing.
 */
class StaleTemporariesTest {

    @Test
    void writingAnOutputRemovesItsOwnStaleTemporariesOnly(@TempDir Path dir) throws Exception {
        Path stale = dir.resolve(".out.png." + UUID.randomUUID() + ".tmp");
        Path otherOutput = dir.resolve(".other.png." + UUID.randomUUID() + ".tmp");
        Path notOurs = dir.resolve(".out.png.backup.tmp");
        Path similar = dir.resolve(".out.png." + UUID.randomUUID() + ".tmp.keep");
        for (Path p : List.of(stale, otherOutput, notOurs, similar)) {
            Files.writeString(p, "x");
        }
        Path out = dir.resolve("out.png");
        AtomicFiles.writeAtomically(out, true, os -> os.write(new byte[] {1, 2, 3}));
        assertEquals(3, Files.size(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".other.png", ".out.png.backup.tmp", ".out.png.keep", "out.png"),
                    files.map(p -> p.getFileName().toString().replaceAll("\\.[0-9a-f-]{36}\\.tmp", "")).sorted().toList());
        }
    }

    @Test
    void aTemporaryAnotherProcessIsWritingIsKeptUntilThatProcessDies(@TempDir Path dir) throws Exception {
        Path theirs = dir.resolve(".out.png." + UUID.randomUUID() + ".tmp");
        Process writer = ChildJvm.start(TemporaryWriterMain.class, theirs.toString());
        try {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream())).readLine());
            Path out = dir.resolve("out.png");
            AtomicFiles.writeAtomically(out, true, os -> os.write(1));
            assertTrue(Files.exists(theirs), "the live run's temporary is kept");
        } finally {
            writer.destroyForcibly().waitFor(); // kill -9: the lock goes with the process
        }
        AtomicFiles.writeAtomically(dir.resolve("out.png"), true, os -> os.write(2));
        assertFalse(Files.exists(theirs), "the dead run's temporary is removed");
    }

    @Test
    void twoRunsWritingOneOutputAtOnceBothFinishWithAWholeFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.png");
        CountDownLatch firstIsWriting = new CountDownLatch(1);
        CountDownLatch secondIsDone = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = pool.submit(() -> {
                AtomicFiles.writeAtomically(out, true, os -> {
                    os.write(new byte[] {1, 1, 1});
                    firstIsWriting.countDown();
                    await(secondIsDone);
                });
                return null;
            });
            assertTrue(firstIsWriting.await(10, TimeUnit.SECONDS));
            AtomicFiles.writeAtomically(out, true, os -> os.write(new byte[] {2, 2}));
            secondIsDone.countDown();
            first.get(10, TimeUnit.SECONDS); // before: "cannot write: no such folder", its temporary swept away
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(new byte[] {1, 1, 1}, Files.readAllBytes(out), "the later move wins, whole");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "nothing left behind");
        }
    }

    private static void await(CountDownLatch latch) throws java.io.IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new java.io.IOException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }
}
