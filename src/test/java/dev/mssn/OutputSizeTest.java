package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.PixelConversion;
import dev.mssn.image.Resampler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Any output size: the network at the smallest of its scales that reaches the size, its result
 * resampled to the size exactly; the network's own result when the size is a multiple it has.
 */
class OutputSizeTest {

    private static final int W = 40;
    private static final int H = 30;

    private static BufferedImage picture(int type) {
        BufferedImage img = new BufferedImage(W, H, type);
        Random r = new Random(9);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        return img;
    }

    private static GpuSuperResolver.Builder cpu() {
        return GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s");
    }

    /** The network's result at {@code scale}, resampled to {@code width} x {@code height}. */
    private static byte[] expected(BufferedImage img, int scale, int width, int height) {
        try (GpuSuperResolver sr = cpu().optScale(scale).build()) {
            BufferedImage hr = sr.upscale(img);
            return Resampler.resize(PixelConversion.toRgb(hr), hr.getWidth(), hr.getHeight(), 8, width, height, false);
        }
    }

    @ParameterizedTest(name = "{0}: {1}x{2} through x{3}")
    @CsvSource({"x1.5,60,45,2", "x2.5,100,75,3", "x3,120,90,3", "x6,240,180,4", "x1,40,30,2",
            "fit 100x100,100,75,3", "fit 90x1000,90,68,3", "size 50x90,50,90,3", "size 41x30,41,30,2"})
    void theSmallestScaleThatReachesTheSizeThenTheResampler(String asked, int width, int height, int scale) {
        BufferedImage img = picture(BufferedImage.TYPE_INT_RGB);
        GpuSuperResolver.Builder b = cpu();
        String[] parts = asked.split(" ");
        if (asked.startsWith("x")) {
            b.optOutputScale(Double.parseDouble(asked.substring(1)));
        } else {
            String[] box = parts[1].split("x");
            if (parts[0].equals("fit")) {
                b.optFitWithin(Integer.parseInt(box[0]), Integer.parseInt(box[1]));
            } else {
                b.optOutputSize(Integer.parseInt(box[0]), Integer.parseInt(box[1]));
            }
        }
        try (GpuSuperResolver sr = b.build()) {
            BufferedImage out = sr.upscale(img);
            assertEquals(width, out.getWidth(), asked);
            assertEquals(height, out.getHeight(), asked);
            assertArrayEquals(expected(img, scale, width, height), PixelConversion.toRgb(out), asked + " through x" + scale);
        }
    }

    @Test
    void aMultipleTheNetworkHasIsItsResultUntouched() {
        BufferedImage img = picture(BufferedImage.TYPE_INT_RGB);
        try (GpuSuperResolver x3 = cpu().optOutputScale(3).build(); GpuSuperResolver plain = cpu().optScale(3).build()) {
            assertEquals("x3", x3.outputSize());
            assertArrayEquals(PixelConversion.toRgb(plain.upscale(img)), PixelConversion.toRgb(x3.upscale(img)));
        }
    }

    @Test
    void eachImageRunsAtTheScaleItNeeds() {
        try (GpuSuperResolver sr = cpu().optFitWithin(120, 120).build()) {
            assertEquals("within 120x120", sr.outputSize());
            assertEquals(120, sr.upscale(picture(BufferedImage.TYPE_INT_RGB)).getWidth(), "40 wide: x3");
            BufferedImage small = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
            BufferedImage out = sr.upscale(small);
            assertEquals(120, out.getWidth(), "20 wide: x4, then enlarged by the resampler");
            assertEquals(60, out.getHeight());
            UnsupportedImageException e = assertThrows(UnsupportedImageException.class,
                    () -> sr.upscale(new BufferedImage(200, 10, BufferedImage.TYPE_INT_RGB)));
            assertTrue(e.getMessage().contains("already larger than within 120x120"), e.getMessage());
        }
    }

    @Test
    void badSizesAndClashingOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> cpu().optOutputScale(0.5));
        assertThrows(IllegalArgumentException.class, () -> cpu().optOutputScale(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> cpu().optOutputSize(0, 10));
        assertThrows(IllegalArgumentException.class, () -> cpu().optFitWithin(10, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu().optScale(3).optOutputScale(1.5).build());
        assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
    }

    /** From a file, alpha and all: a resampled PNG is written whole instead of streamed, at the size asked for. */
    @Test
    void filesOfAnySizeKeepTheirAlpha(@TempDir Path dir) throws IOException {
        BufferedImage img = picture(BufferedImage.TYPE_INT_ARGB);
        Path in = dir.resolve("in.png");
        ImageIO.write(img, "png", in.toFile());
        try (GpuSuperResolver sr = cpu().optOutputSize(70, 50).build()) {
            for (String name : new String[] {"out.png", "out.tif"}) {
                Path out = dir.resolve(name);
                sr.upscale(in, out);
                BufferedImage written = GpuSuperResolver.readImage(out);
                assertEquals(70, written.getWidth(), name);
                assertEquals(50, written.getHeight(), name);
                assertTrue(written.getColorModel().hasAlpha(), name);
                assertArrayEquals(argb(sr.upscale(img)), argb(written), name + " as in memory");
            }
        }
    }

    @Test
    void sixteenBitImagesStaySixteenBit() {
        BufferedImage grey = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        short[] samples = ((java.awt.image.DataBufferUShort) grey.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 977);
        }
        try (GpuSuperResolver sr = cpu().optOutputScale(1.5).build()) {
            BufferedImage out = sr.upscale(grey);
            assertEquals(60, out.getWidth());
            assertEquals(16, out.getColorModel().getComponentSize(0));
            assertEquals(1, out.getColorModel().getNumComponents());
        }
    }

    /** On OpenCL too, and every network loaded for a scale is freed with the resolver. */
    @Test
    void onOpenClEveryScaleLoadedIsFreedOnClose() {
        dev.mssn.testutil.Requires.openCl();
        GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optFitWithin(120, 120).build();
        try (GpuSuperResolver cpu = cpu().optFitWithin(120, 120).build()) {
            for (BufferedImage img : new BufferedImage[] {picture(BufferedImage.TYPE_INT_RGB), new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB)}) {
                BufferedImage gpu = sr.upscale(img);
                BufferedImage expected = cpu.upscale(img);
                assertEquals(expected.getWidth(), gpu.getWidth());
                byte[] a = PixelConversion.toRgb(expected);
                byte[] b = PixelConversion.toRgb(gpu);
                for (int i = 0; i < a.length; i++) {
                    // a level from the network, and the filter's negative lobes can add up to a third of one more
                    assertTrue(Math.abs((a[i] & 0xff) - (b[i] & 0xff)) <= 2, "within two levels of the CPU path at " + i);
                }
            }
        } finally {
            sr.close();
        }
        assertEquals(0, sr.liveDeviceBuffers(), "device buffers left after close");
    }

    private static int[] argb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
