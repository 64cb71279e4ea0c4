package dev.mssn.cli;

import dev.mssn.video.VideoProgress;
import java.io.PrintWriter;
import java.util.Locale;

/** A video's progress in frames, with the speed and the time left, redrawn in place where a person is watching. */
final class VideoProgressLine implements VideoProgress {

    /** Redraws at most this often: frames can come faster than a terminal wants to be written. */
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private long lastDrawn = Long.MIN_VALUE;

    VideoProgressLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void frames(long done, long total, long elapsedNanos) {
        boolean last = total > 0 && done >= total;
        if (!enabled || (elapsedNanos - lastDrawn < EVERY_NANOS && !last)) {
            return;
        }
        lastDrawn = elapsedNanos;
        err.print("\r" + line(done, total, elapsedNanos) + "   ");
        if (last) {
            err.println();
        }
        err.flush();
    }

    /** "frame 120/300 (40%), 12.3 fps, 15 s left"; the total and the time left only when the container says how long it is. */
    static String line(long done, long total, long elapsedNanos) {
        double fps = elapsedNanos > 0 ? done * 1e9 / elapsedNanos : 0;
        StringBuilder s = new StringBuilder("frame ").append(done);
        if (total > 0) {
            s.append('/').append(total).append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
        }
        s.append(String.format(Locale.ROOT, ", %.1f fps", fps));
        if (total > done && fps > 0) {
            s.append(String.format(Locale.ROOT, ", %d s left", Math.round((total - done) / fps)));
        }
        return s.toString();
    }
}
