package dev.mssn;

/**
 * Told how far an upscale has come, after each tile, on the calling thread. Work done here
 * delays the next tile, so hand anything slow to another thread.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /**
     * @param tilesDone tiles finished so far in this call (alpha planes count as their own tiles)
     * @param tilesTotal tiles this call will run; stays the same for the whole call
     */
    void onProgress(int tilesDone, int tilesTotal);
}
