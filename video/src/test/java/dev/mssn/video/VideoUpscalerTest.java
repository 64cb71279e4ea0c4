package dev.mssn.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.Cancellation;
import dev.mssn.GpuSuperResolver;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short generated clip in lossless codecs (FFV1 video, FLAC audio), upscaled: the same frame
 * count and timestamps, every frame equal to the still-image upscale of the decoded frame, the
 * audio copied sample for sample with its language, the file's title kept; and nothing left
 * behind when the run is cancelled or refused.
 */
class VideoUpscalerTest {

    private static final int FRAMES = TestClips.FRAMES;
    private static final int RATE = TestClips.RATE;
    private static GpuSuperResolver resolver;

    @BeforeAll
    static void open() {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL); // the clips' own writing stays quiet too
        resolver = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
    }

    @AfterAll
    static void close() {
        resolver.close();
    }

    private record Decoded(List<BufferedImage> frames, List<Long> timestamps, List<Short> samples, FFmpegFrameGrabber info) {}

    private static Decoded decode(Path file) throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        List<Short> samples = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            for (Frame f = g.grab(); f != null; f = g.grab()) {
                if (f.image != null) {
                    frames.add(Frames.toImage(f));
                    timestamps.add(f.timestamp);
                }
                if (f.samples != null) {
                    ShortBuffer s = (ShortBuffer) f.samples[0];
                    for (int i = s.position(); i < s.limit(); i++) {
                        samples.add(s.get(i));
                    }
                }
            }
            g.stop();
            return new Decoded(frames, timestamps, samples, g);
        }
    }

    @Test
    void everyFrameIsTheStillUpscaleAndTheOtherStreamsAreCopied(@TempDir Path dir) throws Exception {
        Path in = TestClips.clip(dir, "in.mkv");
        Path out = dir.resolve("out.mkv");
        List<long[]> told = new ArrayList<>();
        long frames = new VideoUpscaler(resolver, new VideoOptions("ffv1", 0)).upscale(in, out, false,
                (done, total, elapsed) -> told.add(new long[] {done, total}), new Cancellation());
        assertEquals(FRAMES, frames);
        assertEquals(FRAMES, told.size());
        assertEquals(FRAMES, told.get(FRAMES - 1)[0]);

        Decoded source = decode(in);
        Decoded result = decode(out);
        assertEquals(FRAMES, result.frames().size(), "the same frame count");
        assertEquals(source.timestamps(), result.timestamps(), "the same timestamps");
        for (int i = 0; i < FRAMES; i++) {
            BufferedImage expected = resolver.upscale(source.frames().get(i));
            BufferedImage actual = result.frames().get(i);
            assertEquals(48, actual.getWidth());
            assertArrayEquals(expected.getRGB(0, 0, 48, 32, null, 0, 48), actual.getRGB(0, 0, 48, 32, null, 0, 48), "frame " + i);
        }
        assertEquals(source.samples(), result.samples(), "the audio, sample for sample");
        assertTrue(source.samples().size() >= FRAMES * RATE / 10 - 1024, "and there is audio: " + source.samples().size());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals("flac", g.getAudioCodecName(), "copied, not re-encoded");
            assertEquals("ffv1", g.getVideoCodecName());
            assertEquals(10.0, g.getFrameRate(), 1e-6);
            assertEquals("fra", g.getAudioMetadata("language"));
            assertEquals("a test clip", g.getMetadata("title"));
            g.stop();
        }
        assertEquals(List.of("in.mkv", "out.mkv"), names(dir), "no temporaries left");
    }

    @Test
    void aCancelledOrRefusedRunLeavesNothing(@TempDir Path dir) throws Exception {
        Path in = TestClips.clip(dir, "in.mkv");
        Cancellation cancellation = new Cancellation();
        VideoUpscaler upscaler = new VideoUpscaler(resolver, new VideoOptions("ffv1", 0));
        assertThrows(CancellationException.class, () -> upscaler.upscale(in, dir.resolve("out.mkv"), false,
                (done, total, elapsed) -> cancellation.cancel(), cancellation));
        assertEquals(List.of("in.mkv"), names(dir));

        IOException e = assertThrows(IOException.class, () -> new VideoUpscaler(resolver, new VideoOptions("libvpx-vp9", 0))
                .upscale(in, dir.resolve("out.webm"), false, VideoProgress.NONE, new Cancellation()));
        assertTrue(e.getMessage().contains("out.webm: the audio stream (flac) of " + in + " cannot go into this container"), e.getMessage());
        IOException video = assertThrows(IOException.class, () -> upscaler.upscale(in, dir.resolve("out.webm"), false, VideoProgress.NONE,
                new Cancellation()));
        assertTrue(video.getMessage().contains("out.webm: the video codec ffv1 cannot go into this container"), video.getMessage());
        assertEquals(List.of("in.mkv"), names(dir));

        IOException codec = assertThrows(IOException.class, () -> new VideoUpscaler(resolver, new VideoOptions("no-such-codec", 0))
                .upscale(in, dir.resolve("out.mkv"), false, VideoProgress.NONE, new Cancellation()));
        assertTrue(codec.getMessage().contains("FFmpeg has no encoder named no-such-codec"), codec.getMessage());
        assertEquals(List.of("in.mkv"), names(dir));

        Files.writeString(dir.resolve("taken.mkv"), "mine");
        assertThrows(FileAlreadyExistsException.class, () -> upscaler.upscale(in, dir.resolve("taken.mkv"), false, VideoProgress.NONE,
                new Cancellation()));
        assertEquals("mine", Files.readString(dir.resolve("taken.mkv")));
        IOException notVideo = assertThrows(IOException.class, () -> upscaler.upscale(dir.resolve("taken.mkv"), dir.resolve("o.mkv"), false,
                VideoProgress.NONE, new Cancellation()));
        assertTrue(notVideo.getMessage().contains("taken.mkv: cannot read as a video"), notVideo.getMessage());
        assertEquals(List.of("in.mkv", "taken.mkv"), names(dir));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
