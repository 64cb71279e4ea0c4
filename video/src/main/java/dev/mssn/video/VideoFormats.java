package dev.mssn.video;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The video containers the upscaler writes, by file extension, and the codec each gets by default. */
public final class VideoFormats {

    /** Extension to FFmpeg muxer name. */
    private static final Map<String, String> MUXERS = Map.of("mp4", "mp4", "m4v", "mp4", "mov", "mov", "mkv", "matroska",
            "webm", "webm", "avi", "avi");

    /** Muxer to default encoder: H.264 where players expect it, VP9 in WebM, AV1 in Matroska. */
    private static final Map<String, String> DEFAULT_CODECS = Map.of("mp4", "libopenh264", "mov", "libopenh264",
            "matroska", "libsvtav1", "webm", "libvpx-vp9", "avi", "mpeg4");

    private VideoFormats() {}

    /** Whether {@code file}'s extension is a video container's (mp4, m4v, mov, mkv, webm, avi). */
    public static boolean isVideo(Path file) {
        return muxer(file).isPresent();
    }

    /** The FFmpeg muxer for {@code file}'s extension. */
    static Optional<String> muxer(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(MUXERS.get(name.substring(dot + 1)));
    }

    /** The codec a container gets when none is named. */
    public static String defaultCodec(Path out) {
        return DEFAULT_CODECS.get(muxer(out).orElseThrow(() -> new IllegalArgumentException(out + ": not a video file name ("
                + String.join(", ", MUXERS.keySet().stream().sorted().toList()) + ")")));
    }
}
