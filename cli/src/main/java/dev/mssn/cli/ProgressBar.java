package dev.mssn.cli;

import dev.mssn.ProgressListener;
import java.io.PrintWriter;

/** A one-line text progress bar, redrawn in place; drawn only where a person is watching. */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private String label = "";
    private int lastDrawn = -1;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Starts a new item; the label (e.g. "2/7 photo.png") is shown after the bar. */
    void start(String label) {
        this.label = label;
        this.lastDrawn = -1;
    }

    @Override
    public void onProgress(int tilesDone, int tilesTotal) {
        if (!enabled) {
            return;
        }
        int filled = (int) ((long) tilesDone * WIDTH / tilesTotal);
        if (filled == lastDrawn && tilesDone != tilesTotal) {
            return;
        }
        lastDrawn = filled;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", (int) ((long) tilesDone * 100 / tilesTotal)) + " " + label);
        if (tilesDone == tilesTotal) {
            err.println();
        }
        err.flush();
    }
}
