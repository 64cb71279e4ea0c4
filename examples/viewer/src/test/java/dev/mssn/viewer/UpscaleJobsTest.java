package dev.mssn.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.Cancellation;
import dev.mssn.Precision;
import dev.mssn.ProgressListener;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The job state machine with a fake upscaler whose tiles the test releases one by one. */
class UpscaleJobsTest {

    private static final BufferedImage IMAGE = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    private static final Settings CPU = new Settings("mssn-s", 2, "cpu", Precision.FP32);

    /** Runs "tiles" tiles, each released by the test through {@link #tile}, checking cancellation between them. */
    private static final class FakeUpscaler implements Upscaler {
        final BlockingQueue<Boolean> tile = new LinkedBlockingQueue<>();
        final Settings settings;
        final int tiles;
        boolean closed;
        RuntimeException failure;

        FakeUpscaler(Settings settings, int tiles) {
            this.settings = settings;
            this.tiles = tiles;
        }

        @Override
        public BufferedImage upscale(BufferedImage image, ProgressListener progress, Cancellation cancellation) {
            for (int i = 1; i <= tiles; i++) {
                try {
                    tile.poll(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new CancellationException();
                }
                if (failure != null) {
                    throw failure;
                }
                if (cancellation.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                progress.onProgress(i, tiles);
            }
            return new BufferedImage((int) (image.getWidth() * settings.factor()), (int) (image.getHeight() * settings.factor()),
                    BufferedImage.TYPE_INT_RGB);
        }

        @Override
        public String device() {
            return "fake " + settings.device();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Collects what a job reports. */
    private static final class Recorder implements UpscaleJobs.Listener {
        final List<String> progress = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile UpscaleJobs.Outcome outcome;

        @Override
        public synchronized void progress(int tilesDone, int tilesTotal) {
            progress.add(tilesDone + "/" + tilesTotal);
        }

        @Override
        public void finished(UpscaleJobs.Outcome o) {
            outcome = o;
            done.countDown();
        }

        UpscaleJobs.Outcome await() throws InterruptedException {
            assertTrue(done.await(10, TimeUnit.SECONDS), "the job ended");
            return outcome;
        }
    }

    private final List<FakeUpscaler> made = new ArrayList<>();

    private UpscaleJobs jobs(int tiles) {
        return new UpscaleJobs(settings -> {
            FakeUpscaler f = new FakeUpscaler(settings, tiles);
            synchronized (made) {
                made.add(f);
                made.notifyAll();
            }
            return f;
        }, Runnable::run);
    }

    private FakeUpscaler upscaler(int index) throws InterruptedException {
        synchronized (made) {
            long end = System.currentTimeMillis() + 10_000;
            while (made.size() <= index && System.currentTimeMillis() < end) {
                made.wait(100);
            }
            return made.get(index);
        }
    }

    @Test
    void aJobRunsToDoneWithProgressAndItsFacts() throws Exception {
        try (UpscaleJobs jobs = jobs(3)) {
            assertEquals(UpscaleJobs.State.IDLE, jobs.state());
            Recorder r = new Recorder();
            jobs.start(IMAGE, CPU, r);
            assertEquals(UpscaleJobs.State.RUNNING, jobs.state());
            FakeUpscaler f = upscaler(0);
            f.tile.add(true);
            f.tile.add(true);
            f.tile.add(true);
            UpscaleJobs.Outcome o = r.await();
            assertEquals(UpscaleJobs.State.DONE, o.state());
            assertEquals(8, o.result().getWidth());
            assertEquals("fake cpu", o.device());
            assertEquals(3, o.tiles());
            assertEquals(List.of("1/3", "2/3", "3/3"), r.progress);
            assertEquals(UpscaleJobs.State.DONE, jobs.state());
        }
    }

    @Test
    void cancelEndsTheJobBetweenTiles() throws Exception {
        try (UpscaleJobs jobs = jobs(5)) {
            Recorder r = new Recorder();
            jobs.start(IMAGE, CPU, r);
            FakeUpscaler f = upscaler(0);
            f.tile.add(true);
            jobs.cancel();
            f.tile.add(true);
            UpscaleJobs.Outcome o = r.await();
            assertEquals(UpscaleJobs.State.CANCELLED, o.state());
            assertNull(o.result());
            assertEquals(UpscaleJobs.State.CANCELLED, jobs.state());
        }
    }

    @Test
    void aSecondStartCancelsTheFirstAndRunsAfterIt() throws Exception {
        try (UpscaleJobs jobs = jobs(2)) {
            Recorder first = new Recorder();
            Recorder second = new Recorder();
            jobs.start(IMAGE, CPU, first);
            FakeUpscaler f = upscaler(0);
            f.tile.add(true);
            jobs.start(IMAGE, CPU, second);
            assertEquals(UpscaleJobs.State.RUNNING, jobs.state());
            f.tile.add(true); // the first notices its cancellation here
            assertEquals(UpscaleJobs.State.CANCELLED, first.await().state());
            assertEquals(UpscaleJobs.State.RUNNING, jobs.state(), "the second is still to come");
            f.tile.add(true);
            f.tile.add(true);
            UpscaleJobs.Outcome o = second.await();
            assertEquals(UpscaleJobs.State.DONE, o.state());
            assertEquals(UpscaleJobs.State.DONE, jobs.state());
            assertEquals(1, made.size(), "same settings: the loaded model is reused");
        }
    }

    @Test
    void newSettingsReplaceTheLoadedModelAndCloseTheOldOne() throws Exception {
        try (UpscaleJobs jobs = jobs(1)) {
            Recorder first = new Recorder();
            jobs.start(IMAGE, CPU, first);
            upscaler(0).tile.add(true);
            first.await();
            Recorder second = new Recorder();
            jobs.start(IMAGE, new Settings("mssn-s", 3, "cpu", Precision.FP32), second);
            FakeUpscaler x3 = upscaler(1);
            x3.tile.add(true);
            assertEquals(12, second.await().result().getWidth());
            assertTrue(upscaler(0).closed);
            assertSame(x3, made.get(1));
        }
        assertTrue(made.get(1).closed || waitClosed(made.get(1)), "closing the jobs closes the loaded model");
    }

    private static boolean waitClosed(FakeUpscaler f) throws InterruptedException {
        for (int i = 0; i < 100 && !f.closed; i++) {
            Thread.sleep(20);
        }
        return f.closed;
    }

    @Test
    void aFailureIsReportedWithItsMessageAndTheNextJobRuns() throws Exception {
        try (UpscaleJobs jobs = jobs(1)) {
            Recorder r = new Recorder();
            jobs.start(IMAGE, CPU, r);
            FakeUpscaler f = upscaler(0);
            f.failure = new IllegalArgumentException("device 'opencl': no OpenCL device available");
            f.tile.add(true);
            UpscaleJobs.Outcome o = r.await();
            assertEquals(UpscaleJobs.State.FAILED, o.state());
            assertEquals("device 'opencl': no OpenCL device available", o.message());
            f.failure = null;
            Recorder again = new Recorder();
            jobs.start(IMAGE, CPU, again);
            f.tile.add(true);
            assertEquals(UpscaleJobs.State.DONE, again.await().state());
        }
    }

    @Test
    void aModelThatCannotLoadFailsTheJob() throws Exception {
        try (UpscaleJobs jobs = new UpscaleJobs(s -> {
            throw new IllegalArgumentException("unknown model 'nope'");
        }, Runnable::run)) {
            Recorder r = new Recorder();
            jobs.start(IMAGE, new Settings("nope", 2, "cpu", Precision.FP32), r);
            UpscaleJobs.Outcome o = r.await();
            assertEquals(UpscaleJobs.State.FAILED, o.state());
            assertTrue(o.message().contains("nope"), o.message());
        }
    }
}
