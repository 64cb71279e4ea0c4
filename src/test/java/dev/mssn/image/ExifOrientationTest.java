package dev.mssn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.GpuSuperResolver;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phone photos store their pixels as the sensor saw them and an EXIF orientation that says how
 * to turn them; read as stored, a portrait came out sideways. Checked against the EXIF
 * definitions: which stored corner each orientation shows at the top left, and the size.
 */
class ExifOrientationTest {

    private static final int RED = 0xff0000;
    private static final int GREEN = 0x00ff00;
    private static final int BLUE = 0x0000ff;
    private static final int WHITE = 0xffffff;

    /** A 32x16 JPEG in four coloured quarters (red, green above; blue, white below), tagged {@code orientation}. */
    private static byte[] photo(int orientation) throws IOException {
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, y < 8 ? (x < 16 ? RED : GREEN) : (x < 16 ? BLUE : WHITE));
            }
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", plain);
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), tagged, exif);
        return tagged.toByteArray();
    }

    /** The stored quarter each orientation shows at the top left (EXIF 2.3, tag 0x0112). */
    private static final Map<Integer, Integer> SEEN_TOP_LEFT = Map.of(1, RED, 2, GREEN, 3, WHITE, 4, BLUE, 5, RED, 6, BLUE, 7, WHITE,
            8, GREEN);

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void theImageIsReadAsItIsMeantToBeSeen(int orientation, @TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("photo.jpg"), photo(orientation));
        assertEquals(orientation, ExifOrientation.of(Files.readAllBytes(file)));
        BufferedImage seen = ImageDecoding.read(file).image();
        boolean quarterTurn = orientation >= 5;
        assertEquals(quarterTurn ? 16 : 32, seen.getWidth());
        assertEquals(quarterTurn ? 32 : 16, seen.getHeight());
        assertClose(SEEN_TOP_LEFT.get(orientation), seen.getRGB(3, 3), "top left");
    }

    @Test
    void anUpscaledPortraitComesOutAPortrait(@TempDir Path dir) throws IOException {
        Path in = Files.write(dir.resolve("portrait.jpg"), photo(6));
        BufferedImage read = GpuSuperResolver.readImage(in); // as the viewer shows it
        assertEquals(16, read.getWidth());
        assertClose(BLUE, read.getRGB(3, 3), "read: top left");
        Path out = dir.resolve("portrait-x2.png");
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build()) {
            sr.upscale(in, out);
        }
        BufferedImage big = ImageIO.read(out.toFile());
        assertEquals(32, big.getWidth());
        assertEquals(64, big.getHeight());
        assertClose(BLUE, big.getRGB(6, 6), "top left, the stored bottom left");
    }

    private static void assertClose(int expected, int actual, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expected >> shift & 0xff;
            int a = actual >> shift & 0xff;
            assertTrue(Math.abs(e - a) <= 48, where + ": expected " + Integer.toHexString(expected) + ", got "
                    + Integer.toHexString(actual & 0xffffff));
        }
    }
}
