package dev.mssn.video;

/** Told after every frame of a video upscale; called on the upscaling thread, so keep it quick. */
@FunctionalInterface
public interface VideoProgress {

    VideoProgress NONE = (done, total, elapsedNanos) -> { };

    /**
     * @param done frames upscaled so far
     * @param total the frames the container says it holds (an estimate for some containers), or 0 when unknown
     * @param elapsedNanos since the upscale started
     */
    void frames(long done, long total, long elapsedNanos);
}
