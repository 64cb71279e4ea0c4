package dev.mssn.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Short clips made for the tests, in lossless codecs (FFV1 video, FLAC audio) so that what comes back can be compared exactly. */
public final class TestClips {

    public static final int FRAMES = 7;
    public static final int RATE = 8000;

    private TestClips() {}

    /** FRAMES frames of 24x16 at 10 per second, and a tenth of a second of audio per frame. */
    public static Path clip(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(f.toFile(), 24, 16, 1)) {
            r.setFormat("matroska");
            r.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
            r.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
            r.setFrameRate(10);
            r.setAudioCodec(avcodec.AV_CODEC_ID_FLAC);
            r.setSampleRate(RATE);
            r.setMetadata("title", "a test clip");
            r.setAudioMetadata("language", "fra");
            r.start();
            Random random = new Random(4);
            Frame frame = new Frame(24, 16, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < FRAMES; i++) {
                BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_3BYTE_BGR);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 24; x++) {
                        img.setRGB(x, y, random.nextInt(1 << 24));
                    }
                }
                r.setTimestamp(i * 100_000L);
                Frames.fill(frame, img);
                r.record(frame);
                short[] samples = new short[RATE / 10];
                for (int k = 0; k < samples.length; k++) {
                    samples[k] = (short) (8000 * Math.sin((i * samples.length + k) * 0.05));
                }
                r.recordSamples(RATE, 1, ShortBuffer.wrap(samples));
            }
        }
        return f;
    }

}
