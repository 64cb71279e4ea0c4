package dev.mssn.viewer;

import dev.mssn.Cancellation;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs upscales off the interface thread, one at a time. Starting a job while one runs cancels
 * the running one (it ends CANCELLED) and the new one follows it; the interface hears of
 * progress and of each job's end on its own thread ({@code ui}). The loaded model is kept while
 * the settings stay the same and replaced when they change.
 */
final class UpscaleJobs implements AutoCloseable {

    enum State { IDLE, RUNNING, DONE, CANCELLED, FAILED }

    /** How a job ended: its result (DONE) or message (FAILED), the device, tiles and time taken. */
    record Outcome(State state, BufferedImage result, String device, int tiles, long millis, String message) {}

    interface Listener {
        void progress(int tilesDone, int tilesTotal);

        void finished(Outcome outcome);
    }

    private final Function<Settings, Upscaler> loader;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "upscale");
        t.setDaemon(true);
        return t;
    });
    private final Executor ui;
    private State state = State.IDLE;
    private Cancellation running;
    private int pending;
    // touched on the worker thread only
    private Settings loadedSettings;
    private Upscaler loaded;

    UpscaleJobs(Function<Settings, Upscaler> loader, Executor ui) {
        this.loader = loader;
        this.ui = ui;
    }

    synchronized State state() {
        return state;
    }

    /** Starts an upscale of {@code image}; a job already running is cancelled first. */
    synchronized void start(BufferedImage image, Settings settings, Listener listener) {
        Objects.requireNonNull(image, "image");
        if (running != null) {
            running.cancel();
        }
        Cancellation cancellation = new Cancellation();
        running = cancellation;
        state = State.RUNNING;
        pending++;
        worker.execute(() -> run(image, settings, listener, cancellation));
    }

    /** Cancels the running job, if any; it ends CANCELLED between two tiles. */
    synchronized void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void run(BufferedImage image, Settings settings, Listener listener, Cancellation cancellation) {
        long start = System.nanoTime();
        int[] tiles = new int[1];
        Outcome outcome;
        try {
            if (cancellation.isCancelled()) {
                throw new CancellationException("replaced by a newer upscale");
            }
            Upscaler upscaler = upscalerFor(settings);
            BufferedImage result = upscaler.upscale(image, (done, total) -> {
                tiles[0] = total;
                ui.execute(() -> listener.progress(done, total));
            }, cancellation);
            outcome = new Outcome(State.DONE, result, upscaler.device(), tiles[0], millisSince(start), null);
        } catch (CancellationException e) {
            outcome = new Outcome(State.CANCELLED, null, null, tiles[0], millisSince(start), "cancelled");
        } catch (OutOfMemoryError e) {
            outcome = new Outcome(State.FAILED, null, null, tiles[0], millisSince(start),
                    "Out of memory: the image is too large for this JVM's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                            + " MB); start it with a larger -Xmx, or pick a smaller image.");
        } catch (RuntimeException e) {
            outcome = new Outcome(State.FAILED, null, null, tiles[0], millisSince(start),
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Outcome ended = outcome;
        synchronized (this) {
            pending--;
            if (running == cancellation) {
                running = null;
            }
            if (pending == 0) {
                state = ended.state();
            }
        }
        ui.execute(() -> listener.finished(ended));
    }

    private Upscaler upscalerFor(Settings settings) {
        if (!settings.equals(loadedSettings)) {
            if (loaded != null) {
                loaded.close();
                loaded = null;
                loadedSettings = null;
            }
            loaded = loader.apply(settings);
            loadedSettings = settings;
        }
        return loaded;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Cancels what runs and releases the loaded model once the worker is done with it. */
    @Override
    public synchronized void close() {
        if (worker.isShutdown()) {
            return;
        }
        cancel();
        worker.execute(() -> {
            if (loaded != null) {
                loaded.close();
                loaded = null;
            }
        });
        worker.shutdown();
    }
}
