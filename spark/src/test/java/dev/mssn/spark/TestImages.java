package dev.mssn.spark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A folder of small images of every form, one broken file and one over the pixel limit the tests set. */
final class TestImages {

    static final long PIXEL_LIMIT = 200_000;

    private TestImages() {}

    static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(Path.of("examples/sample-lr.png"), dir.resolve("rgb.png"));
        write(dir.resolve("grey.png"), pattern(41, 29, BufferedImage.TYPE_BYTE_GRAY), "png");
        write(dir.resolve("alpha.png"), pattern(33, 21, BufferedImage.TYPE_INT_ARGB), "png");
        write(dir.resolve("photo.jpg"), pattern(48, 40, BufferedImage.TYPE_INT_RGB), "jpeg");
        Files.createDirectories(dir.resolve("sub dir"));
        write(dir.resolve("sub dir/nested.png"), pattern(30, 30, BufferedImage.TYPE_INT_RGB), "png");
        Files.writeString(dir.resolve("broken.png"), "not an image");
        write(dir.resolve("huge.png"), new BufferedImage(500, 500, BufferedImage.TYPE_INT_RGB), "png");
        Files.writeString(dir.resolve("notes.txt"), "not an image name either: skipped");
        return dir;
    }

    static final int IMAGES = 7;

    private static BufferedImage pattern(int w, int h, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 37 + y * 11) & 0xFF;
                int g = (x * 5 + y * 23) & 0xFF;
                int b = (x * y) & 0xFF;
                int a = 64 + ((x + y) * 9 & 0x7F);
                image.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static void write(Path file, BufferedImage image, String format) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
    }
}
