package dev.mssn.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSavingTest {

    private static BufferedImage argb() {
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 35; i++) {
            image.setRGB(i % 7, i / 7, (i * 7) << 24 | i * 0x030507);
        }
        return image;
    }

    @Test
    void pngKeepsEveryPixelAndEveryOtherFormatTheLibraryWritesIsWritten(@TempDir Path dir) throws IOException {
        BufferedImage image = argb();
        for (String name : List.of("a.png", "b.tif", "c.jpg", "d.JPEG", "e.tiff", "f.bmp", "g.gif")) {
            ImageSaving.save(image, dir.resolve(name), false);
            BufferedImage back = ImageIO.read(dir.resolve(name).toFile());
            assertEquals(7, back.getWidth(), name);
            assertEquals(5, back.getHeight(), name);
        }
        BufferedImage png = ImageIO.read(dir.resolve("a.png").toFile());
        for (int i = 0; i < 35; i++) {
            assertEquals(image.getRGB(i % 7, i / 7), png.getRGB(i % 7, i / 7));
        }
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("out.png"), "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageSaving.save(argb(), file, false));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
        ImageSaving.save(argb(), file, true);
        assertEquals(7, ImageIO.read(file.toFile()).getWidth());
    }

    @Test
    void anUnknownExtensionIsRefusedAndNothingIsLeftBehind(@TempDir Path dir) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> ImageSaving.save(argb(), dir.resolve("out.heic"), false));
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }
}
