package dev.mssn.video;

/**
 * How the upscaled video stream is encoded.
 *
 * @param codec an FFmpeg encoder name ("libopenh264", "libsvtav1", "libvpx-vp9", "ffv1", ...),
 *     or null for the output container's default ({@link VideoFormats#defaultCodec})
 * @param bitrate bits per second, or 0 for 0.1 bit per output pixel per frame (about 25 Mbit/s
 *     for 3840x2160 at 30 frames per second); lossless codecs ignore it
 */
public record VideoOptions(String codec, long bitrate) {

    /** The container's default codec at the automatic bitrate. */
    public static final VideoOptions DEFAULT = new VideoOptions(null, 0);

    public VideoOptions {
        if (bitrate < 0) {
            throw new IllegalArgumentException("bitrate must be positive (or 0 for automatic), got " + bitrate);
        }
        if (codec != null && codec.isBlank()) {
            throw new IllegalArgumentException("codec must be an FFmpeg encoder's name, or null for the container's default");
        }
    }
}
