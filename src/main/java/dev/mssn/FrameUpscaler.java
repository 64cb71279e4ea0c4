package dev.mssn;

import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.tiling.TileWorkspace;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Upscales frames of one size, again and again, into buffers the caller owns: for games, players
 * and cameras. Made by {@link GpuSuperResolver#frames(int, int)}; it keeps its tile plan and
 * its buffers between frames, so that after the first frame the CPU path allocates nothing the
 * size of a frame or a tile. Frames are opaque RGB, 8 bits a channel: ARGB {@code int}s (alpha
 * ignored on the way in, 255 on the way out) or packed RGB bytes.
 *
 * <p>The synchronous calls run on the calling thread (an interrupt cancels, as
 * {@link Cancellation} does); {@link #upscaleAsync} runs frames one after another on a thread
 * of this upscaler's, in the order they were handed over, and {@code cancel(true)} on its future
 * stops that frame. Frames share the resolver with its other calls, one call at a time.
 * Closing this upscaler stops its thread; closing the resolver ends it too.
 */
public final class FrameUpscaler implements AutoCloseable {

    private final GpuSuperResolver resolver;
    private final int width;
    private final int height;
    private final int scale;
    private final TileWorkspace workspace;
    private final RgbImage in;
    private final RgbImage out;
    private final Object frameLock = new Object(); // the buffers above serve one frame at a time
    /** The frame's cancellation, and the stop signal made once that reads it: a frame then allocates nothing here. */
    private volatile Cancellation current = NOT_CANCELLED;
    private final java.util.function.BooleanSupplier stop;

    /** The cancellation of a call given none; never cancelled, never handed out. */
    private static final Cancellation NOT_CANCELLED = new Cancellation();
    private ExecutorService thread;
    private boolean closed;

    FrameUpscaler(GpuSuperResolver resolver, int width, int height, int scale, int tileSide, int haloPx) {
        this.resolver = resolver;
        this.width = width;
        this.height = height;
        this.scale = scale;
        this.workspace = new TileWorkspace(width, height, SampleDepth.BITS_8, tileSide, haloPx, scale);
        this.in = RgbImage.blank(width, height, SampleDepth.BITS_8);
        this.out = RgbImage.blank(Math.multiplyExact(width, scale), Math.multiplyExact(height, scale), SampleDepth.BITS_8);
        this.stop = () -> resolver.isClosed() || current.isCancelled();
    }

    public int inputWidth() {
        return width;
    }

    public int inputHeight() {
        return height;
    }

    public int outputWidth() {
        return out.width();
    }

    public int outputHeight() {
        return out.height();
    }

    /** Upscales {@code argbIn} ({@link #inputWidth()} x {@link #inputHeight()}, row by row) into {@code argbOut}. */
    public void upscale(int[] argbIn, int[] argbOut) {
        upscale(argbIn, argbOut, NOT_CANCELLED);
    }

    /**
     * As {@link #upscale(int[], int[])}, stopped by {@code cancellation}.
     *
     * @throws IllegalArgumentException when a buffer is not of its frame's size
     * @throws CancellationException when cancelled or the thread interrupted; {@code argbOut} is left as it was
     */
    public void upscale(int[] argbIn, int[] argbOut, Cancellation cancellation) {
        requireLength(Objects.requireNonNull(argbIn, "argbIn").length, (long) width * height, "argbIn");
        requireLength(Objects.requireNonNull(argbOut, "argbOut").length, (long) out.width() * out.height(), "argbOut");
        Objects.requireNonNull(cancellation, "cancellation");
        synchronized (frameLock) {
            byte[] rgb = in.rgb();
            for (int i = 0, j = 0; i < argbIn.length; i++, j += 3) {
                int p = argbIn[i];
                rgb[j] = (byte) (p >> 16);
                rgb[j + 1] = (byte) (p >> 8);
                rgb[j + 2] = (byte) p;
            }
            run(cancellation);
            byte[] up = out.rgb();
            for (int i = 0, j = 0; i < argbOut.length; i++, j += 3) {
                argbOut[i] = 0xff000000 | (up[j] & 0xff) << 16 | (up[j + 1] & 0xff) << 8 | up[j + 2] & 0xff;
            }
        }
    }

    /**
     * Upscales packed RGB bytes (3 a pixel, row by row, from {@code rgbIn}'s position) into
     * {@code rgbOut} (from its position); positions are left as they were. Direct buffers are
     * welcome (a texture upload's, say).
     *
     * @throws IllegalArgumentException when a buffer has fewer bytes left than its frame needs
     */
    public void upscale(ByteBuffer rgbIn, ByteBuffer rgbOut, Cancellation cancellation) {
        requireLength(Objects.requireNonNull(rgbIn, "rgbIn").remaining(), 3L * width * height, "rgbIn");
        requireLength(Objects.requireNonNull(rgbOut, "rgbOut").remaining(), 3L * out.width() * out.height(), "rgbOut");
        Objects.requireNonNull(cancellation, "cancellation");
        synchronized (frameLock) {
            rgbIn.get(rgbIn.position(), in.rgb());
            run(cancellation);
            rgbOut.put(rgbOut.position(), out.rgb());
        }
    }

    /**
     * Upscales on this upscaler's thread, after the frames handed over before; the future gives
     * {@code argbOut} once it is written. {@code cancel(true)} stops the frame if it has begun,
     * or keeps it from beginning.
     */
    public CompletableFuture<int[]> upscaleAsync(int[] argbIn, int[] argbOut) {
        requireLength(Objects.requireNonNull(argbIn, "argbIn").length, (long) width * height, "argbIn");
        requireLength(Objects.requireNonNull(argbOut, "argbOut").length, (long) out.width() * out.height(), "argbOut");
        Cancellation cancellation = new Cancellation();
        CompletableFuture<int[]> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancellation.cancel(); // a completable future cannot interrupt its thread: the frame sees this instead
                return super.cancel(mayInterruptIfRunning);
            }
        };
        thread().execute(() -> {
            if (result.isDone()) {
                return; // cancelled while it waited
            }
            try {
                upscale(argbIn, argbOut, cancellation);
                result.complete(argbOut);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private void run(Cancellation cancellation) {
        current = cancellation;
        try {
            resolver.upscaleFrame(workspace, in, out, stop);
        } finally {
            current = NOT_CANCELLED;
        }
    }

    private synchronized ExecutorService thread() {
        if (closed) {
            throw new IllegalStateException("this FrameUpscaler is closed");
        }
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mssn-frames");
                t.setDaemon(true);
                return t;
            });
        }
        return thread;
    }

    private static void requireLength(long actual, long needed, String what) {
        if (actual < needed || what.startsWith("argb") && actual != needed) {
            throw new IllegalArgumentException(what + " holds " + actual + (what.startsWith("rgb") ? " bytes" : " pixels")
                    + "; the frame needs " + needed);
        }
    }

    /** Stops the asynchronous thread once the frames handed to it are done; later async calls are refused. */
    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.shutdown();
        }
    }
}
