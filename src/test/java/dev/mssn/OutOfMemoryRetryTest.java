package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.image.PixelConversion;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.io.Models;
import dev.mssn.testutil.CapturedStderr;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device that runs out of memory makes the facade retry with smaller tiles, not fail. */
class OutOfMemoryRetryTest {

    /** Runs like the real network but fails as a device would for inputs above a pixel budget. */
    private record SmallDevice(Network real, int maxPixels, String status) implements Network {
        @Override
        public ModelSpec spec() {
            return real.spec();
        }

        @Override
        public RgbImage upscale(RgbImage lr) {
            if (lr.width() * lr.height() > maxPixels) {
                throw new DeviceFailure("clCreateBuffer(" + lr.width() + "x" + lr.height() + "): " + status, status);
            }
            return real.upscale(lr);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private static BufferedImage picture() {
        BufferedImage img = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 120; x++) {
                img.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | (x + y) % 256);
            }
        }
        return img;
    }

    @Test
    void retriesWithHalvedTilesUntilTheyFitAndKeepsTheSmallerSide() throws IOException {
        JavaBackend backend = new JavaBackend(2);
        Network real = backend.load(MssnParameters.of(Models.load("mssn-s", 2)));
        BufferedImage img = picture();
        RgbImage whole = real.upscale(new RgbImage(120, 90, PixelConversion.toRgb(img)));
        // a 64 px core with its 18 px halo on each side needs 100x90 inputs, a 32 px core 68x68, a 16 px core 52x52
        CapturedStderr warnings = new CapturedStderr();
        try (warnings; GpuSuperResolver sr = new GpuSuperResolver(backend, new SmallDevice(real, 3000, "CL_MEM_OBJECT_ALLOCATION_FAILURE"),
                64, ProgressListener.NONE, false)) {
            BufferedImage out = sr.upscale(img);
            assertEquals(16, sr.tileSide());
            assertArrayEquals(whole.rgb(), PixelConversion.toRgb(out), "smaller tiles, same (seamless) result");
        }
        // the user is told, once per halving, and the log of this test stays quiet
        List<String> retries = warnings.lines().stream().filter(l -> l.contains("out of device memory with")).toList();
        assertEquals(2, retries.size(), warnings.lines().toString());
        assertTrue(retries.get(0).contains("retrying with 32 px tiles") && retries.get(1).contains("retrying with 16 px tiles"),
                retries.toString());
    }

    @Test
    void otherDeviceErrorsAndTheSmallestTileFailAtOnce() throws IOException {
        try (GpuSuperResolver sr = onSmallDevice(3000, "CL_INVALID_KERNEL_ARGS")) {
            DeviceException e = assertThrows(DeviceException.class, () -> sr.upscale(picture()));
            assertEquals("CL_INVALID_KERNEL_ARGS", e.status().orElseThrow());
            assertEquals(64, sr.tileSide(), "no retry for errors other than memory");
        }
        CapturedStderr warnings = new CapturedStderr(); // the retries down to the smallest tile warn, as they should
        try (warnings; GpuSuperResolver sr = onSmallDevice(100, "CL_OUT_OF_RESOURCES")) {
            DeviceException e = assertThrows(DeviceException.class, () -> sr.upscale(picture()));
            assertEquals("CL_OUT_OF_RESOURCES", e.status().orElseThrow());
            assertTrue(e.isOutOfMemory());
            assertTrue(e.getCause() instanceof DeviceFailure, "the engine's failure is kept as the cause");
            assertEquals(PlanesUpscaler.SMALLEST_TILE, sr.tileSide());
        }
        assertTrue(warnings.lines().stream().anyMatch(l -> l.contains("out of device memory with")), warnings.lines().toString());
    }

    /** MSSN-S x2 behind a device that fails every tile input above {@code maxPixels} with {@code status}; 64 px tiles. */
    private static GpuSuperResolver onSmallDevice(int maxPixels, String status) throws IOException {
        JavaBackend backend = new JavaBackend(2);
        Network real = backend.load(MssnParameters.of(Models.load("mssn-s", 2)));
        return new GpuSuperResolver(backend, new SmallDevice(real, maxPixels, status), 64, ProgressListener.NONE, false);
    }
}
