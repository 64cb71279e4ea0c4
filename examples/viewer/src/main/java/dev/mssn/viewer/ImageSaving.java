package dev.mssn.viewer;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes a result as PNG, JPEG or TIFF, chosen by the file's extension. The file appears whole
 * or not at all (written beside it, then moved), and an existing file is replaced only when
 * {@code overwrite} says so, the rule of {@code bin/mssn upscale -f}.
 */
final class ImageSaving {

    private ImageSaving() {}

    static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpeg";
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return "tiff";
        }
        throw new IllegalArgumentException(file.getFileName() + ": save as .png, .jpg or .tif");
    }

    static void save(BufferedImage image, Path file, boolean overwrite) throws IOException {
        String format = format(file);
        if (Files.exists(file) && !overwrite) {
            throw new IllegalArgumentException(file + " exists");
        }
        // JPEG holds no alpha: drop it rather than let the writer fail
        BufferedImage toWrite = format.equals("jpeg") && image.getColorModel().hasAlpha() ? opaque(image) : image;
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(toWrite, format, temp.toFile())) {
                throw new IOException("no " + format + " writer for a " + describe(toWrite));
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static String describe(BufferedImage image) {
        return image.getWidth() + "x" + image.getHeight() + " image of type " + image.getType();
    }
}
