package dev.mssn.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;

/** Reads image files with Apache Commons Imaging; errors name the file. */
public final class ImageFiles {

    private ImageFiles() {}

    /** A decoded image and whether its file stores a single grey channel. */
    public record Decoded(BufferedImage image, boolean grey) {}

    public static Decoded read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": empty file (0 bytes), not an image");
        }
        try {
            ImageInfo info = Imaging.getImageInfo(file.toFile());
            BufferedImage img = Imaging.getBufferedImage(file.toFile());
            boolean grey = info.getColorType() == ImageInfo.ColorType.GRAYSCALE
                    || img.getColorModel().getNumColorComponents() == 1;
            return new Decoded(img, grey);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        }
    }
}
