package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.SelfEnsemble;
import dev.mssn.tiling.TileRunner;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-ensemble through the public API on the CPU path: tiled equals whole for colour with
 * alpha, grey and 16-bit images, into images and into PNG files; progress counts every pass;
 * cancellation lands between passes; and the ensemble is not the plain upscale.
 */
class SelfEnsembleUpscaleTest {

    private static final int TILE = 16; // the smallest the builder takes: several tiles on these small images
    private static GpuSuperResolver whole;
    private static GpuSuperResolver tiled;
    private static GpuSuperResolver plain;

    @BeforeAll
    static void open() {
        whole = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optTileSize(64).optSelfEnsemble(true).build();
        tiled = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optTileSize(TILE).optSelfEnsemble(true).build();
        plain = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optTileSize(64).build();
    }

    @AfterAll
    static void close() {
        whole.close();
        tiled.close();
        plain.close();
    }

    private static BufferedImage argb(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = (x * 37 + y * 11) % 256;
                img.setRGB(x, y, a << 24 | ((x * 29) % 256) << 16 | ((y * 53) % 256) << 8 | (x * y * 7) % 256);
            }
        }
        return img;
    }

    private static BufferedImage grey(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 41 + y * 17 + (x ^ y) * 5) % 256);
            }
        }
        return img;
    }

    private static BufferedImage rgb16(int w, int h) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage img = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < 3; b++) {
                    img.getRaster().setSample(x, y, b, (x * 4099 + y * 977 * (b + 1) + b * 20011) % 65536);
                }
            }
        }
        return img;
    }

    private static int[] samples(BufferedImage img) {
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    @Test
    void tiledEqualsWholeForAlphaGreyAnd16Bit() {
        for (BufferedImage img : List.of(argb(23, 17), grey(19, 26), rgb16(21, 14))) {
            BufferedImage a = whole.upscale(img);
            BufferedImage b = tiled.upscale(img);
            String what = img.getColorModel().getNumComponents() + " bands, " + img.getColorModel().getComponentSize(0) + " bits";
            assertEquals(img.getWidth() * 2, a.getWidth(), what);
            assertEquals(img.getRaster().getNumBands(), a.getRaster().getNumBands(), what);
            assertEquals(img.getColorModel().getComponentSize(0), a.getColorModel().getComponentSize(0), what);
            assertArrayEquals(samples(a), samples(b), "tiled == whole: " + what);
            assertFalse(java.util.Arrays.equals(samples(a), samples(plain.upscale(img))), "the ensemble is not the plain upscale: " + what);
        }
    }

    @Test
    void onOpenClTooTiledEqualsWholeWithTwoPassesInFlight() {
        dev.mssn.testutil.Requires.openCl();
        BufferedImage img = argb(21, 15);
        try (GpuSuperResolver clWhole = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optTileSize(64)
                .optSelfEnsemble(true).build();
             GpuSuperResolver clTiled = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optTileSize(TILE)
                .optSelfEnsemble(true).build()) {
            int[] a = samples(clWhole.upscale(img));
            assertArrayEquals(a, samples(clTiled.upscale(img)), "OpenCL: tiled == whole");
            int[] cpu = samples(whole.upscale(img));
            int worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - cpu[i]));
            }
            assertTrue(worst <= 1, "OpenCL and the CPU path within a level: " + worst);
        }
    }

    @Test
    void pngFilesAreTheSameAsImages(@TempDir Path dir) throws Exception {
        BufferedImage img = argb(20, 13);
        Path in = dir.resolve("in.png");
        javax.imageio.ImageIO.write(img, "png", in.toFile());
        Path out = dir.resolve("out.png");
        tiled.upscale(in, out);
        assertArrayEquals(samples(whole.upscale(img)), samples(javax.imageio.ImageIO.read(out.toFile())));
    }

    @Test
    void progressCountsEveryPassOfEveryTile() {
        BufferedImage img = argb(23, 17);
        List<int[]> calls = new ArrayList<>();
        tiled.upscale(img, (done, total) -> calls.add(new int[] {done, total}), new Cancellation());
        int total = TileRunner.tileCount(23, 17, TILE) * 2 * SelfEnsemble.PASSES; // colour and alpha
        assertEquals(total, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(i + 1, calls.get(i)[0]);
            assertEquals(total, calls.get(i)[1]);
        }
    }

    @Test
    void cancellationLandsBetweenPassesAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Cancellation cancel = new Cancellation();
        int[] seen = {0};
        assertThrows(CancellationException.class, () -> whole.upscale(argb(12, 12), (done, total) -> {
            seen[0] = done;
            if (done == 3) {
                cancel.cancel();
            }
        }, cancel));
        assertEquals(3, seen[0], "no pass reported after the one that cancelled");
        Path in = dir.resolve("in.png");
        javax.imageio.ImageIO.write(argb(12, 12), "png", in.toFile());
        Cancellation now = new Cancellation();
        now.cancel();
        assertThrows(CancellationException.class, () -> whole.upscale(in, dir.resolve("out.png"), ProgressListener.NONE, now));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(in), files.toList(), "no output or temporary file left");
        }
        assertTrue(whole.selfEnsemble() && !plain.selfEnsemble());
        whole.upscale(argb(5, 4)); // still usable
    }
}
