package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.Requires;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames into the caller's buffers: the same pixels as the image API, from int ARGB or packed
 * RGB bytes, synchronously or on the upscaler's thread, cancellable, and on the CPU path with
 * no allocation of a frame's or a tile's size once the first frame is done.
 */
class FramesTest {

    private static int[] frame(int w, int h, long seed) {
        int[] argb = new int[w * h];
        Random r = new Random(seed);
        for (int i = 0; i < argb.length; i++) {
            argb[i] = r.nextInt();
        }
        return argb;
    }

    /** What the image API gives for the frame, as opaque ARGB. */
    private static int[] expected(GpuSuperResolver sr, int[] argb, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        BufferedImage up = sr.upscale(img);
        int[] out = up.getRGB(0, 0, up.getWidth(), up.getHeight(), null, 0, up.getWidth());
        for (int i = 0; i < out.length; i++) {
            out[i] |= 0xff000000;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "opencl"})
    void framesGiveTheImageApisPixelsFromIntsAndBytes(String device) {
        if (device.equals("opencl")) {
            Requires.openCl();
        }
        int w = 45;
        int h = 37;
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice(device).optModel("mssn-s").optTileSize(16).build();
             FrameUpscaler frames = sr.frames(w, h)) {
            assertEquals(90, frames.outputWidth());
            assertEquals(74, frames.outputHeight());
            int[] out = new int[90 * 74];
            for (long seed = 1; seed <= 3; seed++) { // the buffers are reused from frame to frame
                int[] in = frame(w, h, seed);
                frames.upscale(in, out);
                assertArrayEquals(expected(sr, in, w, h), out, device + " frame " + seed);
            }
            int[] in = frame(w, h, 9);
            ByteBuffer rgbIn = ByteBuffer.allocateDirect(2 + w * h * 3).position(2);
            for (int p : in) {
                rgbIn.put((byte) (p >> 16)).put((byte) (p >> 8)).put((byte) p);
            }
            rgbIn.position(2);
            ByteBuffer rgbOut = ByteBuffer.allocateDirect(90 * 74 * 3);
            frames.upscale(rgbIn, rgbOut, new Cancellation());
            assertEquals(2, rgbIn.position(), "positions are left as they were");
            assertEquals(0, rgbOut.position());
            int[] fromBytes = new int[90 * 74];
            for (int i = 0; i < fromBytes.length; i++) {
                fromBytes[i] = 0xff000000 | (rgbOut.get(3 * i) & 0xff) << 16 | (rgbOut.get(3 * i + 1) & 0xff) << 8 | rgbOut.get(3 * i + 2) & 0xff;
            }
            assertArrayEquals(expected(sr, in, w, h), fromBytes);
        }
    }

    @Test
    void buffersOfTheWrongSizeAndUnsupportedSettingsAreRefused() {
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
             FrameUpscaler frames = sr.frames(10, 8)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frames.upscale(new int[79], new int[320]));
            assertTrue(e.getMessage().contains("argbIn holds 79 pixels; the frame needs 80"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> frames.upscale(new int[80], new int[319]));
            assertThrows(IllegalArgumentException.class, () -> frames.upscale(ByteBuffer.allocate(239), ByteBuffer.allocate(960), new Cancellation()));
            assertThrows(IllegalArgumentException.class, () -> sr.frames(0, 8));
        }
        try (GpuSuperResolver seamless = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optSeamless(true).build();
             GpuSuperResolver sized = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optOutputScale(1.5).build()) {
            assertThrows(IllegalStateException.class, () -> seamless.frames(10, 8));
            assertThrows(IllegalStateException.class, () -> sized.frames(10, 8));
        }
    }

    @Test
    void asyncFramesCompleteInOrderAndCancelWithoutHarmingTheNext() {
        int w = 64;
        int h = 48;
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-m").build();
             FrameUpscaler frames = sr.frames(w, h)) {
            int[] a = frame(w, h, 1);
            int[] b = frame(w, h, 2);
            int[] c = frame(w, h, 3);
            int[] outA = new int[4 * w * h];
            int[] outB = new int[4 * w * h];
            int[] outC = new int[4 * w * h];
            CompletableFuture<int[]> first = frames.upscaleAsync(a, outA);
            CompletableFuture<int[]> second = frames.upscaleAsync(b, outB);
            assertTrue(second.cancel(true));
            CompletableFuture<int[]> third = frames.upscaleAsync(c, outC);
            assertEquals(outA, first.join());
            assertArrayEquals(expected(sr, a, w, h), outA);
            assertThrows(CancellationException.class, second::join);
            assertArrayEquals(expected(sr, c, w, h), third.join(), "the frame after a cancelled one");
            CompletableFuture<int[]> queued = frames.upscaleAsync(a, outA);
            frames.close();
            assertArrayEquals(expected(sr, a, w, h), queued.join(), "a frame handed over before close is still done");
            assertThrows(IllegalStateException.class, () -> frames.upscaleAsync(a, outA), "refused once closed");
        }
    }

    /**
     * After the first frames, a frame allocates nothing on the CPU path, on the calling thread or
     * on the backend's (0 bytes here), where the image API allocates several times the frame.
     */
    @Test
    void cpuFramesAllocateNothingAfterTheFirst() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int w = 120;
        int h = 90;
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optTileSize(48).build();
             FrameUpscaler frames = sr.frames(w, h)) {
            int[] in = frame(w, h, 4);
            int[] out = new int[4 * w * h];
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, w, h, in, 0, w);
            for (int i = 0; i < 20; i++) {
                frames.upscale(in, out); // buffers made, code compiled
                sr.upscale(img);
            }
            long[] workers = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("mssn-cpu-"))
                    .mapToLong(Thread::getId).toArray();
            int n = 10;
            long before = allocated(threads, workers);
            for (int i = 0; i < n; i++) {
                frames.upscale(in, out);
            }
            long perFrame = (allocated(threads, workers) - before) / n;
            before = allocated(threads, workers);
            for (int i = 0; i < n; i++) {
                sr.upscale(img);
            }
            long perImage = (allocated(threads, workers) - before) / n;
            System.out.println("frames: " + perFrame + " bytes allocated a frame by the caller and the CPU path's threads, the image API "
                    + perImage);
            // 0 here once compiled; the bound leaves room for code still being compiled on a slow machine
            assertTrue(perFrame * 1000 < perImage, perFrame + " bytes a frame");
            assertTrue(perImage > 3L * 4 * w * h, "the image API allocates at least the result: " + perImage);
        }
    }

    /** Bytes allocated so far by the CPU path's threads and this one (read last, as reading allocates nothing after it). */
    private static long allocated(com.sun.management.ThreadMXBean threads, long[] workers) {
        long sum = 0;
        for (long id : workers) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum + threads.getCurrentThreadAllocatedBytes();
    }
}
