package dev.mssn.image;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;

/** Reads image files with Apache Commons Imaging; errors name the file. */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * A decoded image, whether its file stores a single grey channel, and the ICC profile its
     * pixel values are in (null: sRGB, or converted to sRGB by the decoder).
     */
    public record Decoded(BufferedImage image, boolean grey, byte[] iccProfile) {}

    /** The file extensions this class reads and writes (lower case). */
    public static final java.util.Set<String> EXTENSIONS = java.util.Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    /** Reads a file, colour-managing any embedded ICC profile into sRGB. */
    public static Decoded read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads a file. With {@code keepProfile}, a PNG with an embedded ICC profile is read with its
     * values untouched and the profile handed back, so that it can be written out again; every
     * other file is colour-managed into sRGB by Commons Imaging.
     */
    public static Decoded read(Path file, boolean keepProfile) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        // read once: the format probe, the profile and the decoder all parse these bytes
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new IOException(file + ": empty file (0 bytes), not an image");
        }
        try {
            ImageInfo info = Imaging.getImageInfo(bytes);
            byte[] icc = keepProfile && info.getFormat() == ImageFormats.PNG ? Imaging.getIccProfileBytes(bytes) : null;
            // ImageIO leaves PNG values as stored (it ignores iCCP); Commons Imaging would convert them
            BufferedImage img = icc != null ? javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes))
                    : Imaging.getBufferedImage(bytes);
            if (img == null) {
                throw new IOException("no decoder");
            }
            boolean grey = info.getColorType() == ImageInfo.ColorType.GRAYSCALE
                    || img.getColorModel().getNumColorComponents() == 1;
            return new Decoded(img, grey, icc);
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
        if (!EXTENSIONS.contains(ext)) {
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

    /** Writes a file's bytes to an output stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code out} through a temporary file beside it that is moved into place only once
     * {@code body} has finished: a failure or a cancellation leaves neither a partial file nor
     * the temporary one.
     */
    public static void writeAtomically(Path out, Body body) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        // a fresh name, created with the default permissions (createTempFile would make it 0600)
        Path tmp = dir.resolve("." + out.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), 1 << 20)) {
                body.writeTo(os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** JPEG quality: high, since the point of upscaling is detail (ImageIO's default is 0.75). */
    static final float JPEG_QUALITY = 0.95f;

    private static void writeJpeg(BufferedImage image, OutputStream os, Path out) throws IOException {
        var writers = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException(out + ": no JPEG writer available");
        }
        javax.imageio.ImageWriter writer = writers.next();
        try (var ios = javax.imageio.ImageIO.createImageOutputStream(os)) {
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** Whether {@code out} is written as PNG, the format that can be streamed row by row. */
    public static boolean isPng(Path out) {
        return extension(out).equals("png");
    }

    /**
     * Writes PNG, BMP, GIF or TIFF with Commons Imaging and JPEG with ImageIO (which Commons
     * Imaging cannot write), choosing by extension; atomically, as {@link #writeAtomically}.
     */
    public static void write(BufferedImage image, Path out) throws IOException {
        requireWritable(out, image.getColorModel().hasAlpha());
        String ext = extension(out);
        writeAtomically(out, os -> {
            switch (ext) {
                case "jpg", "jpeg" -> writeJpeg(image, os, out);
                case "png" -> Imaging.writeImage(image, os, ImageFormats.PNG);
                case "bmp" -> Imaging.writeImage(image, os, ImageFormats.BMP);
                case "gif" -> Imaging.writeImage(image, os, ImageFormats.GIF);
                case "tif", "tiff" -> Imaging.writeImage(image, os, ImageFormats.TIFF);
                default -> throw new IllegalStateException("format checked above: " + ext);
            }
        });
    }
}
