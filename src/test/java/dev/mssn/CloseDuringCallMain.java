package dev.mssn;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run by {@link CloseDuringCallTest} in a JVM of its own (a regression could kill the JVM, as
 * it once did on OpenCL): closes instances on {@code args[0]} in the middle of their calls and
 * prints one line per case saying how each ended.
 */
public final class CloseDuringCallMain {

    public static void main(String[] args) throws Exception {
        String device = args[0];
        Path dir = Path.of(args[1]);
        BufferedImage picture = picture();
        int[] expected;
        try (GpuSuperResolver sr = open(device)) {
            expected = pixels(sr.upscale(picture));
        }

        // from the progress listener, on the calling thread
        GpuSuperResolver fromListener = open(device);
        try {
            fromListener.upscale(picture, (done, total) -> fromListener.close(), new Cancellation());
            System.out.println("listener: finished");
        } catch (CancellationException e) {
            System.out.println("listener: " + e.getMessage());
        }
        System.out.println("listener buffers after: " + fromListener.liveDeviceBuffers());
        try {
            fromListener.upscale(picture);
        } catch (IllegalStateException e) {
            System.out.println("listener then: " + e.getMessage());
        }

        // from the listener of a file upscale, written strip by strip
        Path in = dir.resolve("in.png");
        javax.imageio.ImageIO.write(picture, "png", in.toFile());
        GpuSuperResolver fromFileListener = open(device);
        try {
            fromFileListener.upscale(in, dir.resolve("out.png"), (done, total) -> fromFileListener.close(), new Cancellation());
            System.out.println("file: finished");
        } catch (CancellationException e) {
            System.out.println("file: " + e.getMessage());
        }
        try (var files = Files.list(dir)) {
            System.out.println("file left: " + files.map(p -> p.getFileName().toString()).sorted().toList());
        }

        // from another thread, while the call runs: close waits for it
        GpuSuperResolver shared = open(device);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger tilesDone = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger tilesInAll = new java.util.concurrent.atomic.AtomicInteger();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(pixels(shared.upscale(picture, (done, total) -> {
                    tilesInAll.set(total);
                    tilesDone.set(done);
                    running.countDown();
                    pause(50);
                }, new Cancellation())));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        caller.start();
        running.await();
        shared.close();
        int done = tilesDone.get(); // the call itself may still be returning; its tiles must all be done
        System.out.println("other thread: close returned after " + (done == tilesInAll.get() ? "every tile" : done + " of "
                + tilesInAll.get() + " tiles"));
        caller.join();
        System.out.println("other thread: " + (outcome.get() instanceof int[] p && java.util.Arrays.equals(p, expected)
                ? "the call's result is whole" : "the call ended in " + outcome.get()));
        System.out.println("other thread buffers after: " + shared.liveDeviceBuffers());
    }

    private static GpuSuperResolver open(String device) {
        return GpuSuperResolver.builder().optDevice(device).optModel("mssn-s").optTileSize(16).build();
    }

    private static BufferedImage picture() {
        BufferedImage img = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                img.setRGB(x, y, (x * 5) << 16 | (y * 6) << 8 | (x * y) & 0xff);
            }
        }
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
