package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.ImageDecoding;
import dev.mssn.image.ImageEncoding;
import dev.mssn.testutil.RgbPsnr;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grey stays grey, alpha is upscaled and kept, indexed colour is expanded; edge-case files. */
class ImageFormsTest {

    private static GpuSuperResolver sr;

    @BeforeAll
    static void open() {
        sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
    }

    @AfterAll
    static void close() {
        sr.close();
    }

    private static BufferedImage rgbOf(int w, int h, java.util.function.IntBinaryOperator colour) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, colour.applyAsInt(x, y));
            }
        }
        return img;
    }

    private static BufferedImage greyOf(int w, int h, java.util.function.IntBinaryOperator value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return img;
    }

    /** The stored grey value of a decoded file: its sample if it is grey, else r = g = b (BMP, GIF, colour JPEG). */
    private static int storedGrey(BufferedImage decoded, int x, int y) {
        return decoded.getColorModel().getNumColorComponents() == 1 ? decoded.getRaster().getSample(x, y, 0)
                : decoded.getRGB(x, y) & 0xff;
    }

    private static int channelMean(int rgb) {
        return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff) + 1) / 3;
    }

    @Test
    void greyComesBackGreyAsTheMeanOfTheRgbResult() {
        Random rnd = new Random(20261126);
        BufferedImage grey = new BufferedImage(9, 7, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage asRgb = new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                int g = rnd.nextInt(256);
                grey.getRaster().setSample(x, y, 0, g);
                asRgb.setRGB(x, y, g * 0x010101);
            }
        }
        BufferedImage out = sr.upscale(grey);
        BufferedImage viaRgb = sr.upscale(asRgb);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, out.getType());
        assertEquals(18, out.getWidth());
        assertEquals(14, out.getHeight());
        for (int y = 0; y < 14; y++) {
            for (int x = 0; x < 18; x++) {
                assertEquals(channelMean(viaRgb.getRGB(x, y)), out.getRaster().getSample(x, y, 0), "at " + x + "," + y);
            }
        }
    }

    @Test
    void alphaIsUpscaledByTheNetworkAndKept() {
        BufferedImage argb = new BufferedImage(11, 6, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 11; x++) {
                int a = x < 5 ? 0 : Math.min(255, 40 * y + 10 * x);
                argb.setRGB(x, y, a << 24 | (20 * x) << 16 | (40 * y) << 8 | 77);
            }
        }
        BufferedImage out = sr.upscale(argb);
        assertTrue(out.getColorModel().hasAlpha(), "alpha kept");
        BufferedImage colour = sr.upscale(rgbOf(11, 6, (x, y) -> argb.getRGB(x, y) & 0xffffff));
        BufferedImage alpha = sr.upscale(rgbOf(11, 6, (x, y) -> (argb.getRGB(x, y) >>> 24) * 0x010101));
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 22; x++) {
                int p = out.getRGB(x, y);
                assertEquals(colour.getRGB(x, y) & 0xffffff, p & 0xffffff, "colour at " + x + "," + y);
                assertEquals(channelMean(alpha.getRGB(x, y)), p >>> 24, "alpha at " + x + "," + y);
            }
        }
        assertTrue(out.getRGB(0, 0) >>> 24 < 8, "a transparent corner stays (nearly) transparent");
    }

    @Test
    void indexedColourIsExpanded() {
        byte[] r = {0, (byte) 255, 0, (byte) 200};
        byte[] g = {0, 0, (byte) 255, (byte) 100};
        byte[] b = {0, 0, 0, (byte) 50};
        BufferedImage indexed = new BufferedImage(8, 5, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(2, 4, r, g, b));
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 8; x++) {
                indexed.getRaster().setSample(x, y, 0, (x + y) % 4);
            }
        }
        BufferedImage out = sr.upscale(indexed);
        BufferedImage viaRgb = sr.upscale(rgbOf(8, 5, indexed::getRGB));
        assertEquals(BufferedImage.TYPE_INT_RGB, out.getType());
        assertArrayEquals(viaRgb.getRGB(0, 0, 16, 10, null, 0, 16), out.getRGB(0, 0, 16, 10, null, 0, 16));
    }

    @Test
    void greyAndAlphaSurviveTheFileRoundTrip(@TempDir Path dir) throws IOException {
        Path greyIn = dir.resolve("grey.png");
        BufferedImage grey = new BufferedImage(6, 5, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 2, 0, 200);
        ImageIO.write(grey, "png", greyIn.toFile());
        Path greyOut = dir.resolve("grey-x2.png");
        sr.upscale(greyIn, greyOut);
        assertTrue(ImageDecoding.read(greyOut).grey(), "a grey file is written grey");

        Path rgbaIn = dir.resolve("rgba.png");
        BufferedImage rgba = new BufferedImage(6, 5, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(1, 1, 0x80ff0000);
        ImageIO.write(rgba, "png", rgbaIn.toFile());
        Path rgbaOut = dir.resolve("rgba-x2.png");
        sr.upscale(rgbaIn, rgbaOut);
        assertTrue(ImageDecoding.read(rgbaOut).image().getColorModel().hasAlpha(), "alpha is written");

        Path jpg = dir.resolve("rgba-x2.jpg");
        UnsupportedImageException e = assertThrows(UnsupportedImageException.class, () -> sr.upscale(rgbaIn, jpg));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        assertFalse(Files.exists(jpg));
    }

    @ParameterizedTest(name = "grey + alpha, {0} -> {1}")
    @CsvSource({"tif,png", "tif,tif", "png,tif"})
    void greyWithAlphaKeepsBothInEveryFormatThatHoldsThem(String inFormat, String outFormat, @TempDir Path dir) throws IOException {
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY), true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
        BufferedImage greyAlpha = new BufferedImage(cm, cm.createCompatibleWritableRaster(8, 6), false, null);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                greyAlpha.getRaster().setPixel(x, y, new int[] {100 + 10 * y, 30 * x});
            }
        }
        Path in = dir.resolve("grey-alpha." + inFormat);
        assertTrue(ImageIO.write(greyAlpha, inFormat.equals("tif") ? "tiff" : inFormat, in.toFile()));
        Path out = dir.resolve("grey-alpha-x2." + outFormat);
        sr.upscale(in, out);
        BufferedImage written = ImageIO.read(out.toFile());
        assertEquals(2, written.getRaster().getNumBands(), "grey and alpha, nothing more, nothing dropped");
        int[] expected = sr.upscale(greyAlpha).getRaster().getPixels(0, 0, 16, 12, (int[]) null);
        assertArrayEquals(expected, written.getRaster().getPixels(0, 0, 16, 12, (int[]) null));
    }

    @ParameterizedTest(name = "grey {0} file -> png")
    @CsvSource({"png", "tif", "jpg"})
    void aGreyFileIsUpscaledFromItsStoredValues(String format, @TempDir Path dir) throws IOException {
        BufferedImage grey = greyOf(12, 9, (x, y) -> 120 + 5 * x + 3 * y); // smooth, so JPEG keeps it well
        Path in = dir.resolve("grey." + format);
        ImageEncoding.write(grey, in); // writes the stored values (greyIsWrittenWithItsStoredValues)
        Path out = dir.resolve("grey-x2.png");
        sr.upscale(in, out);
        BufferedImage decoded = ImageIO.read(in.toFile());
        BufferedImage storedAsGrey = greyOf(12, 9, (x, y) -> storedGrey(decoded, x, y));
        int[] expected = sr.upscale(storedAsGrey).getRaster().getPixels(0, 0, 24, 18, (int[]) null);
        BufferedImage written = ImageIO.read(out.toFile());
        assertEquals(1, written.getRaster().getNumBands(), "grey stays grey");
        int[] actual = written.getRaster().getPixels(0, 0, 24, 18, (int[]) null);
        // two JPEG decoders (ImageIO here, Commons Imaging in the library) may round a level apart
        int margin = format.equals("jpg") ? 1 : 0;
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= margin, "sample " + i + ": " + actual[i] + ", expected " + expected[i]
                    + " from the stored grey values (Java's linear reading would darken them)");
        }
    }

    @ParameterizedTest(name = "grey to {0}")
    @CsvSource({"png", "tif", "bmp", "gif", "jpg"})
    void greyIsWrittenWithItsStoredValues(String format, @TempDir Path dir) throws IOException {
        BufferedImage grey = greyOf(16, 8, (x, y) -> 60 + 4 * x + 2 * y); // smooth, so JPEG keeps it well
        Path out = dir.resolve("grey." + format);
        ImageEncoding.write(grey, out);
        BufferedImage back = ImageIO.read(out.toFile());
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                int stored = grey.getRaster().getSample(x, y, 0);
                int read = storedGrey(back, x, y);
                assertTrue(Math.abs(read - stored) <= (format.equals("jpg") ? 2 : 0),
                        format + " at " + x + "," + y + ": " + read + ", stored " + stored + " (Java's linear grey would brighten it)");
            }
        }
    }

    @Test
    void zeroByteAndCorruptFilesFailNamingTheFile(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        IOException e1 = assertThrows(IOException.class, () -> sr.upscale(empty, dir.resolve("a.png")));
        assertTrue(e1.getMessage().contains("empty.png") && e1.getMessage().contains("empty file"), e1.getMessage());

        Path good = dir.resolve("good.png");
        ImageIO.write(rgbOf(20, 20, (x, y) -> x * 10 << 8 | y * 10), "png", good.toFile());
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = Files.write(dir.resolve("garbage.png"), "this is not a picture".getBytes());
        for (Path bad : new Path[] {truncated, garbage}) {
            Path out = dir.resolve("out-" + bad.getFileName());
            IOException e = assertThrows(IOException.class, () -> sr.upscale(bad, out));
            assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
            assertFalse(Files.exists(out), "no output for " + bad);
        }
    }

    @Test
    void oneByOneAndOneRowImagesUpscale() {
        BufferedImage dot = sr.upscale(rgbOf(1, 1, (x, y) -> 0x336699));
        assertEquals(2, dot.getWidth());
        assertEquals(2, dot.getHeight());

        int w = 100_000;
        BufferedImage row = sr.upscale(rgbOf(w, 1, (x, y) -> (x % 256) << 16 | 0x8040));
        assertEquals(2 * w, row.getWidth());
        assertEquals(2, row.getHeight());
        // tiles along the row agree with a short image of the same content: no seams at tile edges
        BufferedImage head = sr.upscale(rgbOf(300, 1, (x, y) -> (x % 256) << 16 | 0x8040));
        assertArrayEquals(head.getRGB(0, 0, 400, 2, null, 0, 400), row.getRGB(0, 0, 400, 2, null, 0, 400));
    }

    @Test
    void readsEveryInputFormatAndWritesEveryOutputFormat(@TempDir Path dir) throws IOException {
        BufferedImage img = rgbOf(10, 7, (x, y) -> (x * 25) << 16 | (y * 36) << 8 | 128);
        for (String format : new String[] {"png", "jpeg", "bmp", "gif", "tiff"}) {
            Path in = dir.resolve("in." + format);
            assertTrue(ImageIO.write(img, format, in.toFile()), "ImageIO writes " + format);
            for (String outFormat : new String[] {"png", "jpg", "bmp", "gif", "tif"}) {
                Path out = dir.resolve(format + "-x2." + outFormat);
                sr.upscale(in, out);
                BufferedImage back = ImageIO.read(out.toFile());
                assertEquals(20, back.getWidth(), format + " -> " + outFormat);
                assertEquals(14, back.getHeight(), format + " -> " + outFormat);
            }
        }
    }

    @Test
    void aPngKeepsItsIccProfileAndItsStoredValues(@TempDir Path dir) throws IOException {
        byte[] profile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData();
        BufferedImage stored = rgbOf(8, 6, (x, y) -> (x * 30) << 16 | (y * 40) << 8 | 90);
        Path in = dir.resolve("linear.png");
        try (var os = Files.newOutputStream(in); var png = new dev.mssn.image.PngStreamWriter(os, 8, 6, 3, 8, profile)) {
            byte[] row = new byte[24];
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 8; x++) {
                    int p = stored.getRGB(x, y);
                    row[x * 3] = (byte) (p >> 16);
                    row[x * 3 + 1] = (byte) (p >> 8);
                    row[x * 3 + 2] = (byte) p;
                }
                png.writeRow(row);
            }
            png.finish();
        }
        Path out = dir.resolve("linear-x2.png");
        sr.upscale(in, out);
        assertArrayEquals(profile, org.apache.commons.imaging.Imaging.getIccProfileBytes(out.toFile()), "profile kept");
        BufferedImage expected = sr.upscale(stored);
        BufferedImage actual = ImageIO.read(out.toFile()); // ImageIO leaves stored values alone
        assertArrayEquals(expected.getRGB(0, 0, 16, 12, null, 0, 16), actual.getRGB(0, 0, 16, 12, null, 0, 16),
                "the stored values were upscaled, not a conversion of them");
    }

    @Test
    void jpegIsWrittenAtHighQuality(@TempDir Path dir) throws IOException {
        BufferedImage img = rgbOf(64, 48, (x, y) -> (int) (128 + 100 * Math.sin(x / 3.0)) << 16
                | (int) (128 + 100 * Math.cos(y / 4.0)) << 8 | (int) (128 + 60 * Math.sin((x + y) / 5.0)));
        Path ours = dir.resolve("ours.jpg");
        ImageEncoding.write(img, ours);
        Path plain = dir.resolve("plain.jpg");
        ImageIO.write(img, "jpeg", plain.toFile()); // ImageIO's default quality, 0.75
        double high = RgbPsnr.of(img, ImageIO.read(ours.toFile()));
        double standard = RgbPsnr.of(img, ImageIO.read(plain.toFile()));
        assertTrue(high > standard + 2, "JPEG round trip " + high + " dB, ImageIO's default " + standard + " dB");
    }
}
