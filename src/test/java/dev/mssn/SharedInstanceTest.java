package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.testutil.Requires;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One instance used from many threads, for many calls, with progress and cancellation. */
class SharedInstanceTest {

    private static BufferedImage picture(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 31 + y * 17 + seed * 13) % 256;
                img.setRGB(x, y, v << 16 | (255 - v) << 8 | (x * y + seed) % 256);
            }
        }
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void eightThreadsOnOneInstanceGetTheSingleThreadedResults() throws Exception {
        Requires.openCl();
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optTileSize(16).build()) {
            List<BufferedImage> inputs = new ArrayList<>();
            List<int[]> expected = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inputs.add(picture(20 + i, 18, i));
                expected.add(pixels(sr.upscale(inputs.get(i))));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    calls.add(pool.submit(() -> {
                        for (int k = 0; k < 3; k++) {
                            int i = (thread + k) % inputs.size();
                            assertArrayEquals(expected.get(i), pixels(sr.upscale(inputs.get(i))), "thread " + thread + " image " + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : calls) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aThousandCallsLeaveNoDeviceBuffersBehind() {
        DeviceInfo device = Requires.openCl();
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("opencl:" + device.index()).optModel("mssn-s").build()) {
            // one call per tile slot, so that both slots hold their buffers
            sr.upscale(picture(4, 4, 0));
            sr.upscale(picture(4, 4, 1));
            int settled = sr.liveDeviceBuffers();
            assertTrue(settled > 0, "weights and activations live on the device");
            for (int i = 0; i < 1000; i++) {
                // alternate sizes so that buffers serve tiles smaller than they are, not only equal ones
                sr.upscale(i % 2 == 0 ? picture(4, 4, i) : picture(5, 3, i));
            }
            sr.upscale(picture(4, 4, 0));
            assertEquals(settled, sr.liveDeviceBuffers(), "buffers held after 1000 calls");
        }
    }

    @Test
    void progressCountsEveryTileIncludingAlpha() {
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optTileSize(16).build()) {
            List<String> seen = new ArrayList<>();
            sr.upscale(picture(40, 34, 1), (done, total) -> seen.add(done + "/" + total), new Cancellation());
            assertEquals(List.of("1/9", "2/9", "3/9", "4/9", "5/9", "6/9", "7/9", "8/9", "9/9"), seen);

            BufferedImage argb = new BufferedImage(40, 34, BufferedImage.TYPE_INT_ARGB);
            List<Integer> totals = new ArrayList<>();
            sr.upscale(argb, (done, total) -> totals.add(total), new Cancellation());
            assertEquals(18, totals.size());
            assertTrue(totals.stream().allMatch(t -> t == 18), totals.toString());
        }
    }

    @Test
    void cancellationStopsBetweenTilesAndLeavesTheInstanceUsable() {
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optTileSize(16).build()) {
            BufferedImage img = picture(40, 34, 2);
            int[] before = pixels(sr.upscale(img));
            Cancellation cancel = new Cancellation();
            int[] tiles = {0};
            assertThrows(CancellationException.class, () -> sr.upscale(img, (done, total) -> {
                tiles[0] = done;
                if (done == 2) {
                    cancel.cancel();
                }
            }, cancel));
            assertEquals(2, tiles[0], "no tile runs after the cancellation");
            assertArrayEquals(before, pixels(sr.upscale(img)));
        }
    }

    @Test
    void devicesCanBeNamedByAFragment() {
        DeviceInfo device = Requires.openCl();
        String fragment = device.name().trim().substring(0, Math.min(4, device.name().trim().length()));
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice(fragment.toUpperCase()).optModel("mssn-s").build()) {
            assertTrue(sr.device().toLowerCase().contains(fragment.toLowerCase()), sr.device());
        }
        NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class,
                () -> GpuSuperResolver.builder().optDevice("no-such-device-anywhere").build());
        assertTrue(e.getMessage().contains("matches no OpenCL device"), e.getMessage());
    }

    @Test
    void pipelinedOpenClTilesEqualOneUntiledTile() {
        Requires.openCl();
        BufferedImage img = picture(45, 38, 5);
        try (GpuSuperResolver whole = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optTileSize(64).build();
             GpuSuperResolver tiled = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optTileSize(16).build()) {
            assertArrayEquals(pixels(whole.upscale(img)), pixels(tiled.upscale(img)),
                    "9 tiles, two in flight at a time, with uploads, kernels and downloads on separate queues");
        }
    }
}
