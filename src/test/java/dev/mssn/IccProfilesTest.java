package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.PngStreamWriter;
import dev.mssn.testutil.CapturedStderr;
import dev.mssn.testutil.RgbPsnr;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An embedded ICC profile is kept where the output format can embed one (PNG, JPEG, TIFF), with
 * the values upscaled as stored; BMP and GIF get the values converted into sRGB first.
 */
class IccProfilesTest {

    /** Linear-light RGB: far enough from sRGB that a conversion shows in every mid-tone. */
    private static final byte[] PROFILE = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    private static final int W = 24;
    private static final int H = 16;

    private static GpuSuperResolver sr;

    @BeforeAll
    static void open() {
        sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
    }

    @AfterAll
    static void close() {
        sr.close();
    }

    /** Smooth stored values (JPEG keeps them well), labelled as being in {@link #PROFILE}'s space. */
    private static BufferedImage storedInProfile() {
        ComponentColorModel cm = new ComponentColorModel(new ICC_ColorSpace(ICC_Profile.getInstance(PROFILE)), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage img = new BufferedImage(cm, cm.createCompatibleWritableRaster(W, H), false, null);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.getRaster().setPixel(x, y, new int[] {30 + 6 * x, 60 + 8 * y, 90 + 2 * (x + y)});
            }
        }
        return img;
    }

    /** The same values labelled sRGB: what upscaling "as stored" must see. */
    private static BufferedImage asSrgbLabelled(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] px = new int[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.getRaster().getPixel(x, y, px);
                out.setRGB(x, y, px[0] << 16 | px[1] << 8 | px[2]);
            }
        }
        return out;
    }

    private static void writeWithProfile(BufferedImage stored, Path file) throws IOException {
        if (file.toString().endsWith(".png")) {
            try (var os = Files.newOutputStream(file); var png = new PngStreamWriter(os, W, H, 3, 8, PROFILE)) {
                byte[] row = new byte[W * 3];
                for (int y = 0; y < H; y++) {
                    int[] px = stored.getRaster().getPixels(0, y, W, 1, (int[]) null);
                    for (int i = 0; i < px.length; i++) {
                        row[i] = (byte) px[i];
                    }
                    png.writeRow(row);
                }
                png.finish();
            }
        } else {
            // ImageIO's JPEG and TIFF writers embed the profile of an image labelled with it
            assertTrue(ImageIO.write(stored, file.toString().endsWith(".jpg") ? "jpeg" : "tiff", file.toFile()));
        }
        assertArrayEquals(PROFILE, Imaging.getIccProfileBytes(file.toFile()), "test input embeds the profile");
    }

    /**
     * Stored values of a file as an sRGB-labelled image, decoded without colour management:
     * ImageIO for PNG (it ignores iCCP), Commons Imaging for JPEG and TIFF (it ignores their profiles).
     */
    private static BufferedImage storedValuesOf(Path file) throws IOException {
        return file.toString().endsWith(".png") ? asSrgbLabelled(ImageIO.read(file.toFile())) : Imaging.getBufferedImage(file.toFile());
    }

    private static int worstDifference(BufferedImage a, BufferedImage b) {
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs((a.getRGB(x, y) >> shift & 0xff) - (b.getRGB(x, y) >> shift & 0xff)));
                }
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"png,png", "png,tif", "png,jpg", "tif,png", "tif,tif", "jpg,png", "jpg,jpg", "jpg,tif"})
    void theProfileIsKeptAndTheStoredValuesUpscaled(String inFormat, String outFormat, @TempDir Path dir) throws IOException {
        Path in = dir.resolve("in." + inFormat);
        writeWithProfile(storedInProfile(), in);
        Path out = dir.resolve("out." + outFormat);
        sr.upscale(in, out);

        assertArrayEquals(PROFILE, Imaging.getIccProfileBytes(out.toFile()), "the output embeds the input's profile");
        BufferedImage expected = sr.upscale(storedValuesOf(in));
        BufferedImage actual = storedValuesOf(out);
        if (outFormat.equals("jpg")) {
            double db = RgbPsnr.of(expected, actual);
            assertTrue(db > 35, "JPEG output " + db + " dB from the upscaled stored values");
        } else {
            assertEquals(0, worstDifference(expected, actual), "PNG and TIFF hold the upscaled stored values exactly");
        }
        // a conversion into sRGB would have moved the mid-tones far more than that
        BufferedImage converted = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(null).filter(storedInProfile(), converted);
        assertTrue(worstDifference(sr.upscale(converted), actual) > 40, "the values were not converted");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"png,bmp", "tif,gif", "jpg,bmp"})
    void formatsWithoutProfilesGetTheValuesConvertedIntoSrgb(String inFormat, String outFormat, @TempDir Path dir)
            throws IOException {
        Path in = dir.resolve("in." + inFormat);
        writeWithProfile(storedInProfile(), in);
        Path out = dir.resolve("out." + outFormat);
        sr.upscale(in, out);

        assertNull(Imaging.getIccProfileBytes(out.toFile()), "no profile in " + outFormat);
        // what the input's stored values mean, in sRGB, upscaled
        BufferedImage stored = storedValuesOf(in);
        ComponentColorModel cm = new ComponentColorModel(new ICC_ColorSpace(ICC_Profile.getInstance(PROFILE)), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage labelled = new BufferedImage(cm, cm.createCompatibleWritableRaster(W, H), false, null);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = stored.getRGB(x, y);
                labelled.getRaster().setPixel(x, y, new int[] {p >> 16 & 0xff, p >> 8 & 0xff, p & 0xff});
            }
        }
        BufferedImage converted = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(null).filter(labelled, converted);
        BufferedImage expected = sr.upscale(converted);
        BufferedImage actual = ImageIO.read(out.toFile());
        if (outFormat.equals("gif")) {
            double db = RgbPsnr.of(expected, actual); // a 256-colour palette
            assertTrue(db > 30, "GIF output " + db + " dB from the upscaled converted values");
        } else {
            assertTrue(worstDifference(expected, actual) <= 1, "BMP holds the upscaled converted values");
        }
    }

    @Test
    void aGreyPngKeepsAGreyProfileAndAnRgbProfileOnGreyIsLeftOut(@TempDir Path dir) throws IOException {
        byte[] greyProfile = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
        for (byte[] profile : new byte[][] {greyProfile, PROFILE}) {
            Path in = dir.resolve("grey.png");
            try (var os = Files.newOutputStream(in); var png = new PngStreamWriter(os, 8, 4, 1, 8, profile)) {
                for (int y = 0; y < 4; y++) {
                    byte[] row = new byte[8];
                    for (int x = 0; x < 8; x++) {
                        row[x] = (byte) (20 * x + 10 * y);
                    }
                    png.writeRow(row);
                }
                png.finish();
            }
            Path out = dir.resolve("grey-x2.tif");
            try (CapturedStderr said = new CapturedStderr()) {
                sr.upscale(in, out, StandardCopyOption.REPLACE_EXISTING);
                if (profile != greyProfile) {
                    said.assertWarned("grey.png: the embedded ICC profile does not describe a grey image; it is left out");
                }
            }
            BufferedImage written = Imaging.getBufferedImage(out.toFile());
            assertEquals(16, written.getWidth());
            if (profile == greyProfile) {
                assertArrayEquals(greyProfile, Imaging.getIccProfileBytes(out.toFile()), "grey profile kept");
            } else {
                assertNull(Imaging.getIccProfileBytes(out.toFile()), "an RGB profile cannot describe a grey image");
            }
        }
    }
}
