package dev.mssn.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes image files in the format their extension names ({@link ImageFormat}): Apache Commons
 * Imaging where it does the job, the JDK's ImageIO where it cannot (JPEG; grey, 16-bit or
 * profiled PNG and TIFF), always through {@link AtomicFiles}. Errors name the file.
 */
public final class ImageEncoding {

    private static final Logger log = LoggerFactory.getLogger(ImageEncoding.class);

    private ImageEncoding() {}

    /**
     * Fails unless {@code out}'s extension names a format this class writes and, for an image with
     * alpha, one that keeps it; called before the work so that nothing is spent on a doomed write.
     */
    public static ImageFormat requireWritable(Path out, boolean alpha) {
        ImageFormat format = ImageFormat.of(out);
        if (alpha && !format.keepsAlpha()) {
            throw new ImageRefusedException(out + ": the image has an alpha channel, which ." + ImageFormat.extension(out)
                    + " cannot keep; write ." + ImageFormat.usualExtensions(ImageFormat.keepingAlpha()).replace(" or ", " or ."));
        }
        return format;
    }

    /** Quality of lossy outputs, 1 to 100: high, since the point of upscaling is detail (ImageIO's JPEG default is 75). */
    public static final int DEFAULT_QUALITY = 95;

    private static void writeJpeg(BufferedImage image, OutputStream os, Path out, int quality) throws IOException {
        writeWithImageIo(image, "jpeg", os, out, param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
        });
    }

    /** Fails unless {@code quality} is 1 to 100. */
    public static int requireQuality(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1 to 100, got " + quality);
        }
        return quality;
    }

    /** Whether {@code out}'s format is written row by row as the tiles come (PNG). */
    public static boolean isStreamed(Path out) {
        return ImageFormat.forName(out).map(ImageFormat::isStreamed).orElse(false);
    }

    /**
     * {@link #write(BufferedImage, Path, byte[], boolean, int)} without a profile (the image is
     * sRGB or grey), replacing, at the default quality.
     */
    public static void write(BufferedImage image, Path out) throws IOException {
        write(image, out, null, true, DEFAULT_QUALITY);
    }

    /**
     * Writes PNG, BMP, GIF or TIFF with Commons Imaging and JPEG with ImageIO (which Commons
     * Imaging cannot write), choosing by extension; atomically, as {@link AtomicFiles#writeAtomically}. A
     * 16-bit image stays 16-bit in PNG and TIFF, written by ImageIO (Commons Imaging writes 8
     * bits); JPEG, BMP and GIF hold 8 bits, so it is reduced to 8 bits for them, with a warning.
     * With {@code iccProfile} the image's values are in that profile's colour space and the
     * profile is embedded (PNG, JPEG and TIFF only, {@link ImageFormat#keepsIccProfile}; TIFF then by
     * ImageIO, whose writer embeds it). Grey samples are written as stored: grey PNG and TIFF by
     * ImageIO, (g, g, g) colour in BMP and GIF. An existing {@code out} is replaced only when
     * {@code replace} is set; otherwise the write ends in a FileAlreadyExistsException.
     * {@code quality} (1 to 100) applies to the lossy format, JPEG.
     */
    public static void write(BufferedImage image, Path out, byte[] iccProfile, boolean replace, int quality) throws IOException {
        write(image, out, iccProfile, PhotoMetadata.NONE, replace, quality);
    }

    /**
     * {@link #write(BufferedImage, Path, byte[], boolean, int)} carrying a photo's EXIF and XMP
     * (JPEG and PNG; the other formats get none, with a warning).
     */
    public static void write(BufferedImage image, Path out, byte[] iccProfile, PhotoMetadata metadata, boolean replace, int quality)
            throws IOException {
        requireQuality(quality);
        ImageFormat format = requireWritable(out, image.getColorModel().hasAlpha());
        if (iccProfile != null && !format.keepsIccProfile()) {
            throw new IllegalArgumentException(out + ": this format cannot embed an ICC profile; convert to sRGB first");
        }
        boolean deep = ImagePlanes.bitsOf(image.getColorModel()) > 8;
        if (deep && !format.keepsSixteenBits()) {
            log.warn("{}: .{} holds 8 bits a sample; the 16-bit image is written at 8 bits (write .png or .tif to keep 16)",
                    out, ImageFormat.extension(out));
        }
        BufferedImage eight = deep && !format.keepsSixteenBits() ? ImagePlanes.toEightBits(image) : image;
        BufferedImage written = iccProfile != null ? IccProfiles.labelled(eight, iccProfile) : eight;
        // Commons Imaging writes what getRGB gives, which brightens grey (Java's grey is linear):
        // grey goes to ImageIO (PNG, TIFF) or as (g, g, g) colour (BMP, GIF)
        boolean grey = written.getColorModel().getNumColorComponents() == 1;
        boolean imageIo = deep || grey || iccProfile != null;
        boolean carried = format == ImageFormat.JPEG || format == ImageFormat.PNG;
        if (!metadata.isEmpty() && !carried) {
            log.warn("{}: .{} outputs do not carry the input's {}; write .jpg or .png to keep it", out, ImageFormat.extension(out), metadata);
        }
        AtomicFiles.writeAtomically(out, replace, file -> {
            // with metadata the encoder's output is spliced first, so it is made in memory
            OutputStream os = carried && !metadata.isEmpty() ? new java.io.ByteArrayOutputStream() : file;
            switch (format) {
                case JPEG -> writeJpeg(written, os, out, quality);
                case PNG -> {
                    if (iccProfile != null) {
                        writePngWithProfile(written, iccProfile, os);
                    } else if (imageIo) {
                        writeWithImageIo(written, "png", os, out, param -> { });
                    } else {
                        Imaging.writeImage(written, os, ImageFormats.PNG);
                    }
                }
                case WEBP -> writeWebp(written, os, out, quality);
                case BMP -> Imaging.writeImage(grey ? greyAsRgb(written) : written, os, ImageFormats.BMP);
                case GIF -> Imaging.writeImage(grey ? greyAsRgb(written) : written, os, ImageFormats.GIF);
                case TIFF -> {
                    if (imageIo) {
                        writeWithImageIo(written, "tiff", os, out, param -> {
                            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                            param.setCompressionType("Deflate");
                        });
                    } else {
                        Imaging.writeImage(written, os, ImageFormats.TIFF);
                    }
                }
            }
            if (os != file) {
                byte[] encoded = ((java.io.ByteArrayOutputStream) os).toByteArray();
                if (format == ImageFormat.JPEG) {
                    metadata.writeJpeg(encoded, file, written.getWidth(), written.getHeight());
                } else {
                    file.write(PhotoMetadata.insertIntoPng(encoded, metadata.pngChunks(written.getWidth(), written.getHeight())));
                }
            }
        });
    }

    /**
     * WebP through libwebp's ImageIO plugin: lossless at quality 100, else lossy at that
     * quality. WebP holds 8-bit RGB(A): grey goes as (g, g, g).
     */
    private static void writeWebp(BufferedImage image, OutputStream os, Path out, int quality) throws IOException {
        writeWithImageIo(asStoredRgb(image), "webp", os, out, param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            if (quality == 100) {
                param.setCompressionType("Lossless");
                // the colour under fully transparent pixels too, as PNG keeps it: nothing of the upscale is lost
                ((com.luciad.imageio.webp.WebPWriteParam) param).setExact(true);
            } else {
                param.setCompressionType("Lossy");
                param.setCompressionQuality(quality / 100f);
            }
        });
    }

    /** An 8-bit image as packed (A)RGB with its samples as stored: grey as (g, g, g), never through getRGB's linear grey. */
    private static BufferedImage asStoredRgb(BufferedImage image) {
        int w = image.getWidth();
        boolean alpha = image.getColorModel().hasAlpha();
        boolean grey = image.getColorModel().getNumColorComponents() == 1;
        BufferedImage out = new BufferedImage(w, image.getHeight(), alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int[] g = new int[w];
        int[] a = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            if (grey) {
                image.getRaster().getSamples(0, y, w, 1, 0, g);
                if (alpha) {
                    image.getRaster().getSamples(0, y, w, 1, 1, a);
                }
                for (int x = 0; x < w; x++) {
                    row[x] = (alpha ? a[x] << 24 : 0) | g[x] * 0x010101;
                }
            } else {
                image.getRGB(0, y, w, 1, row, 0, w);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** An 8-bit grey image as RGB with r = g = b = the stored grey value. */
    private static BufferedImage greyAsRgb(BufferedImage grey) {
        BufferedImage out = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] g = new int[grey.getWidth()];
        int[] rgb = new int[grey.getWidth()];
        for (int y = 0; y < grey.getHeight(); y++) {
            grey.getRaster().getSamples(0, y, g.length, 1, 0, g);
            for (int x = 0; x < g.length; x++) {
                rgb[x] = g[x] * 0x010101;
            }
            out.setRGB(0, y, g.length, 1, rgb, 0, g.length);
        }
        return out;
    }

    /** A {@link IccProfiles#labelled} image through the project's encoder, which writes iCCP (ImageIO's does not). */
    private static void writePngWithProfile(BufferedImage img, byte[] iccProfile, OutputStream os) throws IOException {
        java.awt.image.Raster raster = img.getRaster();
        int w = img.getWidth();
        int bands = raster.getNumBands();
        int bits = ImagePlanes.bitsOf(img.getColorModel());
        try (PngStreamWriter png = new PngStreamWriter(os, w, img.getHeight(), bands, bits, iccProfile)) {
            int[] samples = new int[w * bands];
            byte[] row = new byte[samples.length * bits / 8];
            for (int y = 0; y < img.getHeight(); y++) {
                raster.getPixels(0, y, w, 1, samples);
                for (int i = 0; i < samples.length; i++) {
                    if (bits == 8) {
                        row[i] = (byte) samples[i];
                    } else {
                        row[2 * i] = (byte) (samples[i] >>> 8);
                        row[2 * i + 1] = (byte) samples[i];
                    }
                }
                png.writeRow(row);
            }
            png.finish();
        }
    }

    /** Writes with ImageIO's writer for {@code format}, its parameters set by {@code settings}. */
    private static void writeWithImageIo(BufferedImage image, String format, OutputStream os, Path out,
                                         java.util.function.Consumer<ImageWriteParam> settings) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException(out + ": no " + format + " writer available");
        }
        ImageWriter writer = writers.next();
        // a memory cache: ImageIO's default file cache registers a closer that fails noisily at exit after a failed write
        try (var ios = new javax.imageio.stream.MemoryCacheImageOutputStream(os)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            settings.accept(param);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (NullPointerException | IllegalStateException e) {
            // ImageIO's writers fail this way once the stream under them has failed (a full disk, say)
            throw new IOException(out + ": cannot write: the " + format + " encoder failed (" + e + "); is the disk full?", e);
        } finally {
            writer.dispose();
        }
    }
}
