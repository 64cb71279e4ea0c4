package dev.mssn.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PsnrTest {

    private static BufferedImage grey(int w, int h, int value) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, value * 0x010101);
            }
        }
        return image;
    }

    @Test
    void identicalImagesScoreInfinity() {
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(grey(20, 20, 90), grey(20, 20, 90), 2).getAsDouble());
    }

    @Test
    void aConstantErrorGivesTheTextbookValue() {
        // grey g has Y = 16 + 219 g / 255; a step of 10 grey levels is 10 * 219/255 in Y
        double dy = 10 * 219.0 / 255;
        double expected = 10 * Math.log10(255.0 * 255.0 / (dy * dy));
        assertEquals(expected, Psnr.of(grey(20, 20, 100), grey(20, 20, 110), 2).getAsDouble(), 1e-9);
    }

    @Test
    void theBorderIsLeftOut() {
        BufferedImage result = grey(20, 20, 100);
        BufferedImage reference = grey(20, 20, 100);
        reference.setRGB(0, 5, 0xFFFFFF);
        reference.setRGB(18, 19, 0xFFFFFF);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(result, reference, 2).getAsDouble());
        reference.setRGB(2, 2, 0xFFFFFF);
        assertTrue(Psnr.of(result, reference, 2).getAsDouble() < 40);
    }

    @Test
    void aReferenceNotAMultipleOfTheScaleIsCroppedAndOthersAreRefused() {
        assertTrue(Psnr.of(grey(18, 18, 50), grey(20, 19, 50), 3).isPresent(), "HR 20x19, x3 result 18x18");
        assertTrue(Psnr.of(grey(18, 18, 50), grey(21, 18, 50), 3).isEmpty());
        assertTrue(Psnr.of(grey(18, 18, 50), grey(17, 18, 50), 3).isEmpty());
    }
}
