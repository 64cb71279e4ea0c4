package dev.mssn.cli;

import dev.mssn.Cancellation;
import dev.mssn.image.AtomicFiles;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The shutdown hook of an upscale run (Ctrl-C, SIGTERM): cancels the work, interrupts the
 * worker, and waits for the work to be cleaned up, not for the worker thread, which will itself
 * wait in System.exit. If the work does not stop in time the JVM goes anyway, so the unfinished
 * output goes first.
 */
final class StopOnSignal extends Thread {

    /** How long a stop waits by default; the work stops within about a second, this is the backstop. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final Cancellation cancellation;
    private final Thread worker;
    private final CountDownLatch cleanedUp;
    private final Duration wait;
    private final PrintWriter err;

    /** @param cleanedUp counted down by the worker once its work has ended, cleaned up and said so */
    StopOnSignal(Cancellation cancellation, Thread worker, CountDownLatch cleanedUp, Duration wait, PrintWriter err) {
        super("mssn-stop");
        this.cancellation = cancellation;
        this.worker = worker;
        this.cleanedUp = cleanedUp;
        this.wait = wait;
        this.err = err;
    }

    @Override
    public void run() {
        cancellation.cancel();
        worker.interrupt();
        try {
            if (!cleanedUp.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                AtomicFiles.removeOwnTemporaries();
                err.println("mssn: stopped without waiting longer for the work; the unfinished output was removed");
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
