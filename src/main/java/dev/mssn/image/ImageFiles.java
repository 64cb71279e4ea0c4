package dev.mssn.image;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.io.ByteArrayInputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes image files: Apache Commons Imaging for 8-bit images, the JDK's ImageIO for
 * 16-bit ones (Commons Imaging reduces them to 8 bits) and for writing JPEG. Errors name the
 * file.
 */
public final class ImageFiles {

    private static final Logger log = LoggerFactory.getLogger(ImageFiles.class);

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
     * other file is colour-managed into sRGB (8-bit ones by Commons Imaging on reading, 16-bit
     * ones by {@link ImagePlanes} from the colour space given here). PNG and TIFF files with more
     * than 8 bits a sample come back with 16-bit samples.
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
            boolean png = info.getFormat() == ImageFormats.PNG;
            boolean deep = (png || info.getFormat() == ImageFormats.TIFF) && moreThan8Bits(bytes);
            byte[] icc = png && (keepProfile || deep) ? Imaging.getIccProfileBytes(bytes) : null;
            // ImageIO leaves PNG values as stored (it ignores iCCP) and keeps 16 bits; Commons
            // Imaging would convert the values and reduce them to 8 bits
            BufferedImage img = icc != null || deep ? ImageIO.read(new ByteArrayInputStream(bytes)) : Imaging.getBufferedImage(bytes);
            if (img == null) {
                throw new IOException("no decoder");
            }
            if (icc != null && !keepProfile) {
                img = inColourSpaceOf(img, icc);
                icc = null;
            }
            boolean grey = info.getColorType() == ImageInfo.ColorType.GRAYSCALE
                    || img.getColorModel().getNumColorComponents() == 1;
            return new Decoded(img, grey, icc);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        }
    }

    /** Whether the file's first image has more than 8 bits in any sample (a palette's entries do not count). */
    private static boolean moreThan8Bits(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                if (type == null) {
                    type = reader.getImageTypes(0).next();
                }
                return ImagePlanes.bitsOf(type.getColorModel()) > 8;
            } finally {
                reader.dispose();
            }
        }
    }

    /** The image with its samples read in the colour space of an ICC profile (ImageIO ignores a PNG's profile). */
    private static BufferedImage inColourSpaceOf(BufferedImage img, byte[] icc) throws IOException {
        ColorModel cm = img.getColorModel();
        ICC_ColorSpace space = new ICC_ColorSpace(ICC_Profile.getInstance(icc));
        if (space.getNumComponents() != cm.getNumColorComponents()) {
            throw new IOException("the embedded ICC profile has " + space.getNumComponents() + " colour components, the image "
                    + cm.getNumColorComponents());
        }
        ColorModel withProfile = new ComponentColorModel(space, cm.hasAlpha(), cm.isAlphaPremultiplied(), cm.getTransparency(),
                cm.getTransferType());
        return new BufferedImage(withProfile, img.getRaster(), false, null);
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
        writeWithImageIo(image, "jpeg", os, out, param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
        });
    }

    /** Whether {@code out} is written as PNG, the format that can be streamed row by row. */
    public static boolean isPng(Path out) {
        return extension(out).equals("png");
    }

    /**
     * Writes PNG, BMP, GIF or TIFF with Commons Imaging and JPEG with ImageIO (which Commons
     * Imaging cannot write), choosing by extension; atomically, as {@link #writeAtomically}. A
     * 16-bit image stays 16-bit in PNG and TIFF, written by ImageIO (Commons Imaging writes 8
     * bits); JPEG, BMP and GIF hold 8 bits, so it is reduced to 8 bits for them, with a warning.
     */
    public static void write(BufferedImage image, Path out) throws IOException {
        requireWritable(out, image.getColorModel().hasAlpha());
        String ext = extension(out);
        boolean deep = ImagePlanes.bitsOf(image.getColorModel()) > 8;
        boolean keepsDeep = ext.equals("png") || ext.startsWith("tif");
        if (deep && !keepsDeep) {
            log.warn("{}: .{} holds 8 bits a sample; the 16-bit image is written at 8 bits (write .png or .tif to keep 16)",
                    out, ext);
        }
        BufferedImage written = deep && !keepsDeep ? ImagePlanes.toEightBits(image) : image;
        writeAtomically(out, os -> {
            switch (ext) {
                case "jpg", "jpeg" -> writeJpeg(written, os, out);
                case "png" -> {
                    if (deep) {
                        writeWithImageIo(written, "png", os, out, param -> { });
                    } else {
                        Imaging.writeImage(written, os, ImageFormats.PNG);
                    }
                }
                case "bmp" -> Imaging.writeImage(written, os, ImageFormats.BMP);
                case "gif" -> Imaging.writeImage(written, os, ImageFormats.GIF);
                case "tif", "tiff" -> {
                    if (deep) {
                        writeWithImageIo(written, "tiff", os, out, param -> {
                            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                            param.setCompressionType("Deflate");
                        });
                    } else {
                        Imaging.writeImage(written, os, ImageFormats.TIFF);
                    }
                }
                default -> throw new IllegalStateException("format checked above: " + ext);
            }
        });
    }

    /** Writes with ImageIO's writer for {@code format}, its parameters set by {@code settings}. */
    private static void writeWithImageIo(BufferedImage image, String format, OutputStream os, Path out,
                                         java.util.function.Consumer<ImageWriteParam> settings) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException(out + ": no " + format + " writer available");
        }
        ImageWriter writer = writers.next();
        try (var ios = ImageIO.createImageOutputStream(os)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            settings.accept(param);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
