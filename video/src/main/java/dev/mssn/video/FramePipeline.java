package dev.mssn.video;

import dev.mssn.Cancellation;
import dev.mssn.GpuSuperResolver;
import dev.mssn.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * The video stream's frames, decoded on one thread, upscaled on the caller's, encoded on a
 * third, so that decoding and encoding hide behind the network. The queues between them hold a
 * few frames, so memory stays the same for any length of video. Writes a Matroska file holding
 * the upscaled video stream alone; {@link StreamMerge} then adds the source's other streams.
 */
final class FramePipeline {

    /** Frames waiting between two stages; enough to ride out one frame's jitter. */
    private static final int QUEUED = 3;
    /** Bits per output pixel per frame when no bitrate is given: good quality for H.264 and its successors. */
    private static final double BITS_PER_PIXEL = 0.1;

    private record Picture(BufferedImage image, long timestamp) {}

    /** Ends a queue. */
    private static final Picture END = new Picture(null, -1);

    private final GpuSuperResolver resolver;
    private final VideoOptions options;
    private final String codec;

    FramePipeline(GpuSuperResolver resolver, VideoOptions options, String codec) {
        this.resolver = resolver;
        this.options = options;
        this.codec = codec;
    }

    /** Upscales every frame of {@code in}'s first video stream into {@code videoOut}; returns the frames written. */
    long run(Path in, Path videoOut, VideoProgress progress, Cancellation cancellation) throws IOException {
        BlockingQueue<Picture> decoded = new ArrayBlockingQueue<>(QUEUED);
        BlockingQueue<Picture> upscaled = new ArrayBlockingQueue<>(QUEUED);
        long start = System.nanoTime();
        try (FFmpegFrameGrabber grabber = open(in)) {
            ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "mssn-video");
                t.setDaemon(true);
                return t;
            });
            try {
                return run(in, grabber, threads, decoded, upscaled, videoOut, progress, cancellation, start);
            } finally {
                // both stages end before the grabber closes and before the temporary goes
                threads.shutdownNow();
                try {
                    threads.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private long run(Path in, FFmpegFrameGrabber grabber, ExecutorService threads, BlockingQueue<Picture> decoded,
                     BlockingQueue<Picture> upscaled, Path videoOut, VideoProgress progress, Cancellation cancellation, long start)
            throws IOException {
        // the encoder's time base; a stream that states none gets 30, its frames keeping their own timestamps
        double frameRate = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 30;
        long total = Math.max(0, grabber.getLengthInVideoFrames());
        Future<?> decoding = threads.submit(() -> {
            decode(grabber, decoded);
            return null;
        });
        Future<Long> encoding = threads.submit(() -> encode(upscaled, videoOut, frameRate));
        long done = 0;
        while (true) {
            Picture p = take(decoded, decoding, "decoding " + in);
            if (p == END) {
                result(decoding, "decoding " + in); // the end of the stream, or of a decoder that failed
                break;
            }
            if (cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("video upscale cancelled");
            }
            BufferedImage up = resolver.upscale(p.image(), ProgressListener.NONE, cancellation);
            put(upscaled, new Picture(up, p.timestamp()), encoding, "encoding " + in);
            progress.frames(++done, total, System.nanoTime() - start);
        }
        put(upscaled, END, encoding, "encoding " + in);
        long written = result(encoding, "encoding " + in);
        if (written != done) {
            throw new IOException(in + ": " + done + " frames upscaled but " + written + " encoded");
        }
        if (done == 0) {
            throw new IOException(in + ": the video stream holds no frames");
        }
        return done;
    }

    private static FFmpegFrameGrabber open(Path in) throws IOException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(in.toFile());
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new IOException(in + ": cannot read as a video: " + e.getMessage(), e);
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
            closeQuietly(grabber);
            throw new IOException(in + ": holds no video stream");
        }
        return grabber;
    }

    /** Decodes every frame, then END; a failure ends the thread instead, which the upscaling side checks for. */
    private static void decode(FFmpegFrameGrabber grabber, BlockingQueue<Picture> out) throws Exception {
        for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
            out.put(new Picture(Frames.toImage(f), f.timestamp)); // a copy: the grabber reuses its frame
        }
        out.put(END);
    }

    private long encode(BlockingQueue<Picture> in, Path videoOut, double frameRate) throws Exception {
        FFmpegFrameRecorder recorder = null;
        Frame frame = null;
        long frames = 0;
        try {
            for (Picture p = in.take(); p != END; p = in.take()) {
                if (recorder == null) {
                    recorder = start(videoOut, p.image().getWidth(), p.image().getHeight(), frameRate);
                    frame = new Frame(p.image().getWidth(), p.image().getHeight(), Frame.DEPTH_UBYTE, 3);
                }
                if (p.image().getWidth() != recorder.getImageWidth() || p.image().getHeight() != recorder.getImageHeight()) {
                    throw new IOException("the video changes size part way; a stream of one size is written");
                }
                Frames.fill(frame, p.image());
                recorder.setTimestamp(p.timestamp());
                recorder.record(frame);
                frames++;
            }
            if (recorder != null) {
                recorder.stop();
            }
            return frames;
        } finally {
            if (recorder != null) {
                recorder.release();
            }
            if (frame != null) {
                frame.close();
            }
        }
    }

    private FFmpegFrameRecorder start(Path videoOut, int width, int height, double frameRate) throws IOException {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(videoOut.toFile(), width, height, 0);
        recorder.setFormat("matroska");
        recorder.setVideoCodecName(codec);
        recorder.setFrameRate(frameRate);
        recorder.setGopSize((int) Math.max(12, Math.round(frameRate * 5)));
        recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE,
                options.bitrate() > 0 ? options.bitrate() : Math.round(BITS_PER_PIXEL * width * height * Math.max(frameRate, 1))));
        if (codec.equals("ffv1")) {
            recorder.setPixelFormat(avutil.AV_PIX_FMT_BGR0); // lossless RGB, as decoded
        }
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            recorder.release();
            throw new IOException("cannot encode with " + codec + ": " + e.getMessage(), e);
        }
        return recorder;
    }

    /** The next picture, unless the stage making them failed. */
    private static Picture take(BlockingQueue<Picture> queue, Future<?> producer, String what) throws IOException {
        try {
            while (true) {
                Picture p = queue.poll(100, TimeUnit.MILLISECONDS);
                if (p != null) {
                    return p;
                }
                if (producer.isDone()) {
                    result(producer, what); // throws its failure, if any
                    p = queue.poll();
                    if (p == null) {
                        throw new IOException(what + ": ended without a last frame");
                    }
                    return p;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("video upscale interrupted");
        }
    }

    /** Hands a picture on, unless the stage taking them failed. */
    private static void put(BlockingQueue<Picture> queue, Picture p, Future<?> consumer, String what) throws IOException {
        try {
            while (!queue.offer(p, 100, TimeUnit.MILLISECONDS)) {
                if (consumer.isDone()) {
                    result(consumer, what);
                    throw new IOException(what + ": stopped taking frames");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("video upscale interrupted");
        }
    }

    private static <T> T result(Future<T> stage, String what) throws IOException {
        try {
            return stage.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("video upscale interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(what + ": " + cause.getMessage(), cause);
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FFmpegFrameGrabber.Exception ignored) {
            // the first failure is the one reported
        }
    }
}
