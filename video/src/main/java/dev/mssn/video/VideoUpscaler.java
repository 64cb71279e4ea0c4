package dev.mssn.video;

import dev.mssn.Cancellation;
import dev.mssn.GpuSuperResolver;
import dev.mssn.image.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Upscales a video file: every frame of its first video stream through a
 * {@link GpuSuperResolver} (at its scale or output size), encoded with the codec asked for; its
 * audio, subtitle and attachment streams are copied untouched, timestamps and frame rate kept.
 * Any container FFmpeg reads goes in; mp4, m4v, mov, mkv, webm and avi come out. Like the
 * resolver's file upscale, the output appears whole or not at all.
 *
 * <pre>{@code
 * try (GpuSuperResolver sr = GpuSuperResolver.builder().optScale(2).build()) {
 *     new VideoUpscaler(sr, VideoOptions.DEFAULT).upscale(Path.of("in.mp4"), Path.of("out.mp4"), false,
 *             VideoProgress.NONE, new Cancellation());
 * }
 * }</pre>
 */
public final class VideoUpscaler {

    static {
        // FFmpeg's banners, stream listings and error lines stay off the console: failures are reported as exceptions
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private final GpuSuperResolver resolver;
    private final VideoOptions options;

    /** @param resolver used, not owned: closing it is the caller's */
    public VideoUpscaler(GpuSuperResolver resolver, VideoOptions options) {
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
        this.options = java.util.Objects.requireNonNull(options, "options (VideoOptions.DEFAULT for the defaults)");
    }

    /**
     * Upscales {@code in} into {@code out}.
     *
     * @param replace whether an existing {@code out} may be replaced
     * @return the frames upscaled
     * @throws IOException when {@code in} cannot be read as a video, or {@code out} cannot be
     *     written (a stream its container cannot hold, a codec FFmpeg lacks); nothing is left
     * @throws FileAlreadyExistsException when {@code out} exists and {@code replace} is false
     * @throws java.util.concurrent.CancellationException when cancelled; nothing is left
     */
    public long upscale(Path in, Path out, boolean replace, VideoProgress progress, Cancellation cancellation) throws IOException {
        java.util.Objects.requireNonNull(progress, "progress (VideoProgress.NONE for none)");
        java.util.Objects.requireNonNull(cancellation, "cancellation");
        String muxer = VideoFormats.muxer(out).orElseThrow(() -> new IllegalArgumentException(out
                + ": not a video file name; video is written as .mp4, .m4v, .mov, .mkv, .webm or .avi"));
        String codec = options.codec() != null ? options.codec() : VideoFormats.defaultCodec(out);
        if (!Files.isRegularFile(in)) {
            throw new java.nio.file.NoSuchFileException(in.toString(), null, "no such file");
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !replace) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists; replace it to write it again");
        }
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException(out + " is the input file; refusing to overwrite it");
        }
        AtomicFiles.requireCreatable(out);
        StreamMerge.requireFits(in, muxer, codec, out); // before the work, not after it
        long[] frames = new long[1];
        // the upscaled video stream alone first, in a scratch file beside the output (it is about as large)
        AtomicFiles.writeFileAtomically(out, replace, tmp -> AtomicFiles.withScratchFile(out, videoOnly -> {
            frames[0] = new FramePipeline(resolver, options, codec).run(in, videoOnly, progress, cancellation);
            StreamMerge.merge(videoOnly, in, tmp, muxer, out);
        }));
        return frames[0];
    }
}
