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

    /**
     * Fails unless {@code out}'s extension names a format this class writes and, for an image with
     * alpha, one that keeps it; called before the work so that nothing is spent on a doomed write.
     */
    public static void requireWritable(Path out, boolean alpha) {
        String ext = extension(out);
        if (!java.util.Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff").contains(ext)) {
            throw new IllegalArgumentException(out + ": unknown output format '." + ext + "'; use png, jpg, bmp, gif or tif");
        }
        if (alpha && !ext.equals("png") && !ext.startsWith("tif")) {
            throw new IllegalArgumentException(out + ": the image has an alpha channel, which ." + ext
                    + " cannot keep; write .png or .tif");
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /**
     * Writes PNG, BMP, GIF or TIFF with Commons Imaging and JPEG with ImageIO (which Commons
     * Imaging cannot write), choosing by extension; via a temporary file moved into place.
     */
    public static void write(BufferedImage image, Path out) throws IOException {
        requireWritable(out, image.getColorModel().hasAlpha());
        String ext = extension(out);
        Path dir = out.toAbsolutePath().getParent();
        // a fresh name, created by the writer with the default permissions (createTempFile would make it 0600)
        Path tmp = dir.resolve("." + out.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            switch (ext) {
                case "jpg", "jpeg" -> {
                    if (!javax.imageio.ImageIO.write(image, "jpeg", tmp.toFile())) {
                        throw new IOException(out + ": no JPEG writer available");
                    }
                }
                case "png" -> Imaging.writeImage(image, tmp.toFile(), org.apache.commons.imaging.ImageFormats.PNG);
                case "bmp" -> Imaging.writeImage(image, tmp.toFile(), org.apache.commons.imaging.ImageFormats.BMP);
                case "gif" -> Imaging.writeImage(image, tmp.toFile(), org.apache.commons.imaging.ImageFormats.GIF);
                case "tif", "tiff" -> Imaging.writeImage(image, tmp.toFile(), org.apache.commons.imaging.ImageFormats.TIFF);
                default -> throw new IllegalStateException("format checked above: " + ext);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
