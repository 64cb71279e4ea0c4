package dev.mssn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.CapturedStderr;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format table says what the encoders do: each claim checked by writing and reading back. */
class ImageFormatTest {

    @Test
    void everyExtensionNamesOneFormatInAnyCase() {
        long all = Arrays.stream(ImageFormat.values()).mapToLong(f -> f.extensions().size()).sum();
        assertEquals(all, ImageFormat.allExtensions().size(), "an extension claimed twice");
        for (ImageFormat f : ImageFormat.values()) {
            for (String ext : f.extensions()) {
                assertEquals(f, ImageFormat.of(Path.of("x." + ext.toUpperCase(java.util.Locale.ROOT))));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFormat.of(Path.of("x.heic")));
        assertTrue(e.getMessage().endsWith("use png, jpg, bmp, gif, tif or webp"), e.getMessage());
    }

    @Test
    void alphaSixteenBitsAndProfilesSurviveExactlyWhereTheTableSays(@TempDir Path dir) throws IOException {
        BufferedImage deep = new BufferedImage(5, 4, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(2, 1, 0, 40_001);
        BufferedImage argb = new BufferedImage(5, 4, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x40102030);
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        BufferedImage rgb = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        for (ImageFormat f : ImageFormat.values()) {
            Path out = dir.resolve("deep." + f.extensions().get(0));
            try (CapturedStderr said = new CapturedStderr()) {
                ImageEncoding.write(deep, out);
                if (!f.keepsSixteenBits()) {
                    said.assertWarned("holds 8 bits a sample; the 16-bit image is written at 8 bits");
                }
            }
            int bits = ImagePlanes.bitsOf(ImageDecoding.read(out).image().getColorModel());
            assertEquals(f.keepsSixteenBits() ? 16 : 8, bits, f + " sample depth");

            Path alpha = dir.resolve("alpha." + f.extensions().get(0));
            if (f.keepsAlpha()) {
                ImageEncoding.write(argb, alpha);
                assertEquals(0x40, ImageDecoding.read(alpha).image().getRGB(1, 1) >>> 24, f + " alpha");
            } else {
                assertThrows(IllegalArgumentException.class, () -> ImageEncoding.write(argb, alpha), f + " refuses alpha");
            }

            Path profiled = dir.resolve("icc." + f.extensions().get(0));
            if (f.keepsIccProfile()) {
                ImageEncoding.write(rgb, profiled, profile, true, ImageEncoding.DEFAULT_QUALITY);
                assertTrue(ImageDecoding.read(profiled).iccProfile() != null, f + " keeps the profile");
            } else {
                assertThrows(IllegalArgumentException.class, () -> ImageEncoding.write(rgb, profiled, profile, true, ImageEncoding.DEFAULT_QUALITY), f + " refuses a profile");
            }
        }
        assertTrue(ImageEncoding.isStreamed(dir.resolve("a.PNG")));
    }
}
