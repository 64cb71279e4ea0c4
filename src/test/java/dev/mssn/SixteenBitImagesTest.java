package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.CapturedStderr;
import dev.mssn.testutil.Requires;
import dev.mssn.testutil.Tolerance;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 16-bit images stay 16-bit, in memory and in files, and keep the detail below 8 bits. */
class SixteenBitImagesTest {

    private static GpuSuperResolver sr;

    @BeforeAll
    static void open() {
        sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
    }

    @AfterAll
    static void close() {
        sr.close();
    }

    /** A 16-bit grey or sRGB image, with or without alpha, band b of (x, y) = sample(x, y, b). */
    private static BufferedImage image16(int w, int h, boolean grey, boolean alpha, Sample sample) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(grey ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB),
                alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage img = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < img.getRaster().getNumBands(); b++) {
                    img.getRaster().setSample(x, y, b, sample.at(x, y, b));
                }
            }
        }
        return img;
    }

    @FunctionalInterface
    private interface Sample {
        int at(int x, int y, int band);
    }

    private static int[] samples(BufferedImage img) {
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    private static void assert16Bit(BufferedImage img, int bands) {
        Raster r = img.getRaster();
        assertEquals(bands, r.getNumBands(), "bands");
        for (int b = 0; b < bands; b++) {
            assertEquals(16, r.getSampleModel().getSampleSize(b), "bits of band " + b);
        }
    }

    /** A smooth 8-bit picture with some texture, so that the network has edges to work on. */
    private static final IntBinaryOperator PICTURE = (x, y) ->
            (40 + 15 * x + (x * y) % 23) << 16 | (200 - 9 * y + (x ^ y) % 17) << 8 | (90 + 5 * (x + y) + (x * 7 % 11));

    @Test
    void anEightBitPictureAt16BitsGivesTheEightBitResultWithFinerSteps() {
        int w = 13;
        int h = 10;
        BufferedImage eight = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                eight.setRGB(x, y, PICTURE.applyAsInt(x, y));
            }
        }
        // v * 257 is the same value at 16 bits: the network sees the same normalised input
        BufferedImage sixteen = image16(w, h, false, false, (x, y, b) -> (eight.getRGB(x, y) >> (16 - 8 * b) & 0xff) * 257);

        BufferedImage out8 = sr.upscale(eight);
        BufferedImage out16 = sr.upscale(sixteen);
        assert16Bit(out16, 3);
        assertEquals(2 * w, out16.getWidth());
        assertEquals(2 * h, out16.getHeight());
        int[] s16 = samples(out16);
        int[] s8 = out8.getRaster().getPixels(0, 0, 2 * w, 2 * h, (int[]) null);
        int equal = 0;
        int finer = 0;
        for (int i = 0; i < s16.length; i++) {
            int reduced = (int) Math.round(s16[i] / 257.0);
            assertTrue(Math.abs(reduced - s8[i]) <= 1, "sample " + i + ": 16-bit " + s16[i] + " vs 8-bit " + s8[i]);
            equal += reduced == s8[i] ? 1 : 0;
            finer += s16[i] % 257 != 0 ? 1 : 0;
        }
        assertTrue(equal >= s16.length * 99 / 100, equal + " of " + s16.length + " agree with the 8-bit result when rounded");
        assertTrue(finer >= s16.length * 9 / 10, "only " + finer + " of " + s16.length + " samples use steps finer than 8 bits");
    }

    @Test
    void detailBelowEightBitsSurvives() {
        // a ramp 180 16-bit levels tall: under one 8-bit level, so an 8-bit path would flatten it
        BufferedImage ramp = image16(20, 16, false, false, (x, y, b) -> 30000 + 9 * x + 3 * b);
        BufferedImage out = sr.upscale(ramp);
        int[] px = samples(out);
        java.util.Set<Integer> reds = new java.util.HashSet<>();
        for (int i = 0; i < px.length; i += 3) {
            reds.add(px[i]);
        }
        long distinctReds = reds.size();
        assertTrue(distinctReds > 20, "the upscaled ramp has only " + distinctReds + " red levels");
        // and it still rises from left to right along the middle row
        int y = out.getHeight() / 2;
        int left = out.getRaster().getSample(4, y, 0);
        int right = out.getRaster().getSample(out.getWidth() - 5, y, 0);
        assertTrue(right - left > 100, "ramp from " + left + " to " + right); // 9 levels a pixel over about 15 LR pixels
    }

    @Test
    void greyAndAlphaStay16Bit() {
        SplittableRandom rnd = new SplittableRandom(16);
        int[] grey = rnd.ints(9 * 7, 0, 65536).toArray();
        BufferedImage g16 = image16(9, 7, true, false, (x, y, b) -> grey[y * 9 + x]);
        BufferedImage asRgb = image16(9, 7, false, false, (x, y, b) -> grey[y * 9 + x]);
        BufferedImage out = sr.upscale(g16);
        assert16Bit(out, 1);
        assertEquals(ColorSpace.TYPE_GRAY, out.getColorModel().getColorSpace().getType());
        int[] viaRgb = samples(sr.upscale(asRgb));
        int[] g = samples(out);
        for (int i = 0; i < g.length; i++) {
            assertEquals((viaRgb[3 * i] + viaRgb[3 * i + 1] + viaRgb[3 * i + 2] + 1) / 3, g[i], "grey sample " + i);
        }

        BufferedImage rgba = image16(9, 7, false, true, (x, y, b) -> b == 3 ? (x < 4 ? 0 : 65535 - 900 * y) : grey[y * 9 + x]);
        BufferedImage outA = sr.upscale(rgba);
        assert16Bit(outA, 4);
        assertTrue(outA.getColorModel().hasAlpha());
        assertTrue(outA.getRaster().getSample(0, 0, 3) < 2000, "transparent corner stays transparent");
        assertTrue(outA.getRaster().getSample(12, 2, 3) > 60000, "the opaque part stays opaque");

        BufferedImage greyAlpha = image16(9, 7, true, true, (x, y, b) -> b == 1 ? 1000 * x : grey[y * 9 + x]);
        BufferedImage outGa = sr.upscale(greyAlpha);
        assert16Bit(outGa, 2);
        assertEquals(ColorSpace.TYPE_GRAY, outGa.getColorModel().getColorSpace().getType());
    }

    @Test
    void openClTilesAt16BitsEqualOneUntiledTileAndTheJavaPath() {
        Requires.openCl();
        SplittableRandom rnd = new SplittableRandom(7);
        BufferedImage img = image16(30, 23, false, true, (x, y, b) -> b == 3 ? 65535 - 2000 * (x % 9) : 2000 * x + rnd.nextInt(9000));
        try (GpuSuperResolver whole = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optTileSize(64).build();
             GpuSuperResolver tiled = GpuSuperResolver.builder().optDevice("opencl").optModel("mssn-s").optTileSize(16).build()) {
            BufferedImage out = tiled.upscale(img);
            assert16Bit(out, 4);
            int[] tiledSamples = samples(out);
            assertArrayEquals(samples(whole.upscale(img)), tiledSamples, "4 tiles of 16-bit colour and 4 of alpha");
            int[] java = samples(sr.upscale(img));
            for (int i = 0; i < java.length; i++) {
                assertTrue(Math.abs(java[i] - tiledSamples[i]) <= Tolerance.U16_LEVELS, "sample " + i + ": Java " + java[i]
                        + ", OpenCL " + tiledSamples[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0} bands, {1} -> {2}")
    @CsvSource({"3,png,png", "1,png,png", "4,png,png", "2,png,tif", "3,tif,png", "3,png,tif", "1,tif,tif"})
    void filesStay16BitAndMatchTheInMemoryResult(int bands, String inFormat, String outFormat, @TempDir Path dir) throws IOException {
        SplittableRandom rnd = new SplittableRandom(bands * 100L + inFormat.length());
        BufferedImage img = image16(11, 8, bands < 3, bands % 2 == 0, (x, y, b) -> b == bands - 1 && bands % 2 == 0
                ? 20000 + 4000 * (x % 5) : 1000 * x + 900 * y + rnd.nextInt(3000));
        Path in = dir.resolve("in." + inFormat);
        assertTrue(ImageIO.write(img, inFormat.equals("tif") ? "tiff" : inFormat, in.toFile()));
        Path out = dir.resolve("out." + outFormat);
        sr.upscale(in, out);

        BufferedImage written = ImageIO.read(out.toFile());
        assert16Bit(written, bands);
        assertArrayEquals(samples(sr.upscale(img)), samples(written), "the file holds the in-memory result");
    }

    @Test
    void eightBitFormatsGetTheResultReducedToEightBits(@TempDir Path dir) throws IOException {
        BufferedImage img = image16(10, 6, false, false, (x, y, b) -> 5000 * x + 2000 * y + 700 * b);
        Path in = dir.resolve("in.png");
        ImageIO.write(img, "png", in.toFile());
        Path out = dir.resolve("out.bmp");
        try (CapturedStderr said = new CapturedStderr()) {
            sr.upscale(in, out);
            said.assertWarned("out.bmp: .bmp holds 8 bits a sample; the 16-bit image is written at 8 bits");
        }
        BufferedImage written = ImageIO.read(out.toFile());
        int[] expected = samples(sr.upscale(img));
        for (int i = 0; i < expected.length; i++) {
            int rgb = written.getRGB(i / 3 % 20, i / 3 / 20); // the writer may choose a palette
            assertEquals(Math.round(expected[i] / 257.0), rgb >> (16 - 8 * (i % 3)) & 0xff, "sample " + i);
        }
    }

    @Test
    void anIccProfileIsKeptWhereTheFormatCanHoldItAndAppliedOtherwise(@TempDir Path dir) throws IOException {
        byte[] profile = java.awt.color.ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        BufferedImage stored = image16(8, 6, false, false, (x, y, b) -> 7000 * x + 9000 * y + 3000 * b);
        Path in = dir.resolve("linear16.png");
        try (var os = Files.newOutputStream(in); var png = new dev.mssn.image.PngStreamWriter(os, 8, 6, 3, 16, profile)) {
            for (int y = 0; y < 6; y++) {
                int[] px = stored.getRaster().getPixels(0, y, 8, 1, (int[]) null);
                byte[] row = new byte[px.length * 2];
                for (int i = 0; i < px.length; i++) {
                    row[2 * i] = (byte) (px[i] >> 8);
                    row[2 * i + 1] = (byte) px[i];
                }
                png.writeRow(row);
            }
            png.finish();
        }
        Path png = dir.resolve("kept.png");
        sr.upscale(in, png);
        assertArrayEquals(profile, org.apache.commons.imaging.Imaging.getIccProfileBytes(png.toFile()), "profile kept");
        int[] fromStored = samples(sr.upscale(stored));
        BufferedImage kept = ImageIO.read(png.toFile()); // ImageIO leaves stored values alone
        assert16Bit(kept, 3);
        assertArrayEquals(fromStored, samples(kept), "the stored values were upscaled, not a conversion of them");

        Path tif = dir.resolve("kept.tif");
        sr.upscale(in, tif);
        assertArrayEquals(profile, org.apache.commons.imaging.Imaging.getIccProfileBytes(tif.toFile()), "profile kept in TIFF");
        BufferedImage keptTif = ImageIO.read(tif.toFile()); // labelled with the profile, samples as stored
        assert16Bit(keptTif, 3);
        assertArrayEquals(fromStored, samples(keptTif), "TIFF: the stored values were upscaled");

        // BMP cannot embed a profile: the values are converted into sRGB at 16 bits, then
        // upscaled, then rounded to the 8 bits BMP holds
        Path bmp = dir.resolve("managed.bmp");
        try (CapturedStderr said = new CapturedStderr()) {
            sr.upscale(in, bmp);
            said.assertWarned("managed.bmp: .bmp holds 8 bits a sample");
        }
        BufferedImage managed = ImageIO.read(bmp.toFile());
        ComponentColorModel linear = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage asLinear = new BufferedImage(linear, stored.getRaster(), false, null);
        BufferedImage inSrgb = image16(8, 6, false, false, (x, y, b) -> 0);
        new java.awt.image.ColorConvertOp(null).filter(asLinear, inSrgb);
        int[] expected = samples(sr.upscale(inSrgb));
        int changed = 0;
        for (int i = 0; i < expected.length; i++) {
            int actual = managed.getRGB(i / 3 % 16, i / 3 / 16) >> (16 - 8 * (i % 3)) & 0xff;
            assertEquals(Math.round(expected[i] / 257.0), actual, "sample " + i);
            changed += Math.abs(Math.round(fromStored[i] / 257.0) - actual) > 8 ? 1 : 0;
        }
        assertTrue(changed > expected.length / 2, "the conversion changed the values");
    }
}
