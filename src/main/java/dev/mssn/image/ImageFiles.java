package dev.mssn.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes image files: Apache Commons Imaging where it does the job, the JDK's ImageIO
 * where it does not (reading PNG and TIFF, whose grey, 16-bit, profiled or grey-with-alpha
 * values Commons Imaging changes; writing JPEG, and grey, 16-bit or profiled PNG and TIFF).
 * Errors name the file.
 */
public final class ImageFiles {

    private static final Logger log = LoggerFactory.getLogger(ImageFiles.class);

    private ImageFiles() {}

    /**
     * A decoded image holding the values as stored in the file (no colour management), whether
     * the file stores a single grey channel, and the file's embedded ICC profile, which says what
     * colours the values mean (null: none, so sRGB).
     */
    public record Decoded(BufferedImage image, boolean grey, byte[] iccProfile) {}

    /** The file extensions this class reads and writes (lower case). */
    public static final java.util.Set<String> EXTENSIONS = java.util.Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    /**
     * Reads a file's values as stored, and its ICC profile if it embeds a usable one (an
     * unreadable profile is left out with a warning). PNG and TIFF files with more than 8 bits a
     * sample come back with 16-bit samples. Applying the profile is the caller's choice
     * ({@link IccProfiles#toSrgb}).
     */
    public static Decoded read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_PIXELS);
    }

    /** Images of more pixels than this are refused unless the caller raises the limit: 100 megapixels (10000 x 10000). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /**
     * As {@link #read(Path)}, refusing from the header, before any pixel is decoded, an image of
     * more than {@code maxPixels} pixels (an IllegalArgumentException that says the size, the
     * limit and how to raise it): a small file can claim a size that would take gigabytes.
     */
    public static Decoded read(Path file, long maxPixels) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        long fileSize = Files.size(file);
        if (fileSize > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": " + fileSize + " bytes; image files over 2 GiB are not supported");
        }
        // read once: the format probe, the profile and the decoder all parse these bytes
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(file + ": cannot read: permission denied", e);
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException(file + ": cannot read: " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()), e);
        }
        if (bytes.length == 0) {
            throw new IOException(file + ": empty file (0 bytes), not an image");
        }
        requireIntactPng(bytes, file);
        int[] size = headerSize(bytes);
        if (size != null && (long) size[0] * size[1] > maxPixels) {
            long pixels = (long) size[0] * size[1];
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %dx%d is %.1f megapixels, over the limit of %.1f; raise it (--max-megapixels, or"
                            + " GpuSuperResolver.Builder.optMaxInputPixels) to upscale it",
                    file, size[0], size[1], pixels / 1e6, maxPixels / 1e6));
        }
        if (isTopDownBmp(bytes)) {
            // valid BMP that Commons Imaging refuses (negative height); ImageIO reads it as stored
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new IOException(file + ": cannot decode image: no decoder for this BMP");
            }
            return new Decoded(asStored(img), img.getColorModel().getNumColorComponents() == 1, null);
        }
        try {
            ImageInfo info = Imaging.getImageInfo(bytes);
            if (size == null && (long) info.getWidth() * info.getHeight() > maxPixels) {
                throw new IllegalArgumentException(file + ": " + info.getWidth() + "x" + info.getHeight()
                        + " is over the limit of " + maxPixels + " pixels");
            }
            boolean png = info.getFormat() == ImageFormats.PNG;
            boolean tiff = info.getFormat() == ImageFormats.TIFF;
            byte[] icc = Imaging.getIccProfileBytes(bytes);
            // Commons Imaging linearises a grey PNG's values (a stored 154 reads back as 82),
            // converts them by an iCCP profile, reduces 16-bit files to 8 bits and drops a grey
            // TIFF's alpha; ImageIO does none of that for PNG and TIFF. For JPEG, BMP and GIF
            // Commons Imaging gives the values as stored (ImageIO's JPEG reader would convert
            // them by an embedded profile).
            BufferedImage img;
            if (tiff) {
                img = readTiff(bytes, file);
            } else if (png) {
                img = ImageIO.read(new ByteArrayInputStream(bytes));
            } else {
                img = Imaging.getBufferedImage(bytes);
            }
            if (img == null) {
                throw new IOException("no decoder");
            }
            boolean grey = info.getColorType() == ImageInfo.ColorType.GRAYSCALE
                    || img.getColorModel().getNumColorComponents() == 1;
            return new Decoded(asStored(img), grey, usableProfile(icc, grey, file));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file + ": ")) {
                throw e; // the limit, said above
            }
            throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        }
    }

    /** What compressed metadata may inflate to: far above any real profile or text, far below a bomb. */
    static final int MAX_INFLATED_PROFILE = 16 << 20;
    static final int MAX_INFLATED_TEXT = 1 << 20;

    /**
     * A compressed iCCP, zTXt or iTXt chunk (data at {@code from}, {@code length} bytes) must not
     * inflate past its bound: decoders inflate them whole, so a 1 MB chunk could take gigabytes.
     */
    private static void requireBoundedInflation(byte[] png, int from, int length, String type, Path file) throws IOException {
        int limit;
        int start;
        if (type.equals("iCCP") || type.equals("zTXt")) {
            int nul = indexOfZero(png, from, from + Math.min(length, 80));
            limit = type.equals("iCCP") ? MAX_INFLATED_PROFILE : MAX_INFLATED_TEXT;
            start = nul + 2; // keyword, NUL, compression method
        } else if (type.equals("iTXt")) {
            int nul = indexOfZero(png, from, from + Math.min(length, 80));
            if (nul < 0 || nul + 1 >= from + length || png[nul + 1] == 0) {
                return; // uncompressed text
            }
            int lang = indexOfZero(png, nul + 3, from + length);
            int translated = lang < 0 ? -1 : indexOfZero(png, lang + 1, from + length);
            if (translated < 0) {
                return; // malformed: the decoders say so
            }
            limit = MAX_INFLATED_TEXT;
            start = translated + 1;
        } else {
            return;
        }
        if (start <= from || start > from + length) {
            return;
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(png, start, from + length - start);
            byte[] sink = new byte[64 << 10];
            long total = 0;
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(sink);
                total += n;
                if (total > limit) {
                    throw new IOException(String.format(java.util.Locale.ROOT,
                            "%s: its %s chunk inflates to more than %d MB (%d bytes compressed); refused as a decompression bomb",
                            file, type, limit >> 20, from + length - start));
                }
                if (n == 0 && inflater.needsDictionary()) {
                    return;
                }
            }
        } catch (java.util.zip.DataFormatException e) {
            return; // not valid deflate data: the decoders report it
        } finally {
            inflater.end();
        }
    }

    private static int indexOfZero(byte[] b, int from, int to) {
        for (int i = from; i < Math.min(to, b.length); i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A BMP stored top row first, which its header says with a negative height. */
    private static boolean isTopDownBmp(byte[] bytes) {
        if (bytes.length < 26 || bytes[0] != 'B' || bytes[1] != 'M') {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return header.getInt(14) >= 40 && header.getInt(22) < 0;
    }

    /** For a PNG, every chunk's CRC: the decoders accept a damaged file without a word. */
    private static void requireIntactPng(byte[] bytes, Path file) throws IOException {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (bytes.length < 8 || !java.util.Arrays.equals(bytes, 0, 8, signature, 0, 8)) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int at = 8;
        for (int chunk = 0; at + 12 <= bytes.length; chunk++) {
            long length = b.getInt(at) & 0xffffffffL;
            if (at + 12 + length > bytes.length) {
                throw new IOException(file + ": damaged PNG: chunk " + chunk + " runs past the end of the file");
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes, at + 4, (int) length + 4);
            String type = new String(bytes, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if ((int) crc.getValue() != b.getInt(at + 8 + (int) length)) {
                throw new IOException(file + ": damaged PNG: chunk " + chunk + " (" + type + ") fails its CRC check");
            }
            requireBoundedInflation(bytes, at + 8, (int) length, type, file);
            at += 12 + (int) length;
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    /**
     * Width and height from the file's header alone (ImageIO's readers read no pixels for
     * this), or null when no reader knows the format or the header is unreadable; then the
     * decoders say what is wrong.
     */
    private static int[] headerSize(byte[] bytes) {
        if (bytes.length >= 26 && bytes[0] == 'B' && bytes[1] == 'M') {
            // BMP, read here: the decoders check the claimed size against the data before they report it
            ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int dib = header.getInt(14);
            if (dib == 12) {
                return new int[] {header.getShort(18) & 0xffff, header.getShort(20) & 0xffff};
            }
            if (dib >= 40) {
                return new int[] {Math.abs(header.getInt(18)), Math.abs(header.getInt(22))}; // negative height: top-down
            }
            return null;
        }
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            java.util.Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The profile if Java can read it and it describes the image: an RGB profile for a colour
     * image, a grey one for a grey image (as PNG requires, and what the output will be). Anything
     * else is left out, with a warning.
     */
    private static byte[] usableProfile(byte[] icc, boolean grey, Path file) {
        if (icc == null) {
            return null;
        }
        try {
            int type = IccProfiles.spaceOf(icc).getType();
            if (type == (grey ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB)) {
                return icc;
            }
            log.warn("{}: the embedded ICC profile does not describe a{} image; it is left out", file,
                    grey ? " grey" : "n RGB");
        } catch (IllegalArgumentException e) {
            log.warn("{}: the embedded ICC profile cannot be read ({}); it is left out", file, e.getMessage());
        }
        return null;
    }

    /**
     * The image with its samples labelled sRGB (grey stays grey) where a decoder labelled them
     * with the file's profile (ImageIO's TIFF reader), so that nothing converts them later.
     */
    private static BufferedImage asStored(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        ColorSpace space = cm.getColorSpace();
        // grey samples are always read as stored, whatever grey space labels them
        if (!(cm instanceof ComponentColorModel) || space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY) {
            return img;
        }
        ColorSpace plain = ColorSpace.getInstance(ColorSpace.CS_sRGB);
        ColorModel relabelled = new ComponentColorModel(plain, cm.hasAlpha(), cm.isAlphaPremultiplied(), cm.getTransparency(),
                cm.getTransferType());
        return new BufferedImage(relabelled, img.getRaster(), false, null);
    }

    /**
     * A TIFF by ImageIO, which keeps its depth, grey and alpha; by Commons Imaging, with a
     * warning, for the rare TIFF ImageIO cannot decode (its result may be reduced to 8-bit RGB).
     */
    private static BufferedImage readTiff(byte[] bytes, Path file) throws IOException {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img != null) {
                return img;
            }
            log.warn("{}: ImageIO has no decoder for this TIFF; decoding with Commons Imaging, which may reduce it to 8-bit RGB", file);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: ImageIO cannot decode this TIFF ({}); decoding with Commons Imaging, which may reduce it to 8-bit RGB",
                    file, e.getMessage());
        }
        return Imaging.getBufferedImage(bytes);
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

    /**
     * Checks before any work that {@code out} can be created where it is asked for: its folder
     * exists and is writable, and it is not itself a folder. The message names {@code out} and
     * the reason.
     */
    public static void requireCreatable(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder; name the output file");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException(out + ": cannot write: the folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(out + ": cannot write: the folder " + dir + " is not writable");
        }
    }

    /** The extension of a file name, lower case. */
    static String extension(Path file) {
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
        removeStaleTemporaries(dir, out.getFileName().toString());
        // a fresh name, created with the default permissions (createTempFile would make it 0600)
        Path tmp = dir.resolve("." + out.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), 1 << 20)) {
                body.writeTo(os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileSystemException e) {
            // the message would name the hidden temporary and often no reason: name the output and say why
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such folder"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IOException(out + ": cannot write: " + reason, e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(tmp.getFileName().toString())) {
                throw new IOException(out + ": cannot write: " + e.getMessage().replace(tmp.toString(), out.toString()), e);
            }
            throw new IOException(out + ": cannot write: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes temporaries of this class's naming for {@code name} in {@code dir}: what a run
     * killed outright (kill -9, power loss) left behind, since nothing else ever removes them.
     */
    static void removeStaleTemporaries(Path dir, String name) {
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(
                "\\." + java.util.regex.Pattern.quote(name) + "\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path stale : files.filter(f -> ours.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(stale);
                log.info("removed {}, left by an interrupted run", stale);
            }
        } catch (IOException e) {
            log.warn("could not look for stale temporaries in {}: {}", dir, e.getMessage());
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

    /** {@link #write(BufferedImage, Path, byte[])} without a profile: the image is sRGB (or grey). */
    public static void write(BufferedImage image, Path out) throws IOException {
        write(image, out, null);
    }

    /**
     * Writes PNG, BMP, GIF or TIFF with Commons Imaging and JPEG with ImageIO (which Commons
     * Imaging cannot write), choosing by extension; atomically, as {@link #writeAtomically}. A
     * 16-bit image stays 16-bit in PNG and TIFF, written by ImageIO (Commons Imaging writes 8
     * bits); JPEG, BMP and GIF hold 8 bits, so it is reduced to 8 bits for them, with a warning.
     * With {@code iccProfile} the image's values are in that profile's colour space and the
     * profile is embedded (PNG, JPEG and TIFF only, {@link IccProfiles#canCarry}; TIFF then by
     * ImageIO, whose writer embeds it). Grey samples are written as stored: grey PNG and TIFF by
     * ImageIO, (g, g, g) colour in BMP and GIF.
     */
    public static void write(BufferedImage image, Path out, byte[] iccProfile) throws IOException {
        requireWritable(out, image.getColorModel().hasAlpha());
        if (iccProfile != null && !IccProfiles.canCarry(out)) {
            throw new IllegalArgumentException(out + ": this format cannot embed an ICC profile; convert to sRGB first");
        }
        String ext = extension(out);
        boolean deep = ImagePlanes.bitsOf(image.getColorModel()) > 8;
        boolean keepsDeep = ext.equals("png") || ext.startsWith("tif");
        if (deep && !keepsDeep) {
            log.warn("{}: .{} holds 8 bits a sample; the 16-bit image is written at 8 bits (write .png or .tif to keep 16)",
                    out, ext);
        }
        BufferedImage eight = deep && !keepsDeep ? ImagePlanes.toEightBits(image) : image;
        BufferedImage written = iccProfile != null ? IccProfiles.labelled(eight, iccProfile) : eight;
        // Commons Imaging writes what getRGB gives, which brightens grey (Java's grey is linear):
        // grey goes to ImageIO (PNG, TIFF) or as (g, g, g) colour (BMP, GIF)
        boolean grey = written.getColorModel().getNumColorComponents() == 1;
        boolean imageIo = deep || grey || iccProfile != null;
        writeAtomically(out, os -> {
            switch (ext) {
                case "jpg", "jpeg" -> writeJpeg(written, os, out);
                case "png" -> {
                    if (iccProfile != null) {
                        writePngWithProfile(written, iccProfile, os);
                    } else if (imageIo) {
                        writeWithImageIo(written, "png", os, out, param -> { });
                    } else {
                        Imaging.writeImage(written, os, ImageFormats.PNG);
                    }
                }
                case "bmp" -> Imaging.writeImage(grey ? greyAsRgb(written) : written, os, ImageFormats.BMP);
                case "gif" -> Imaging.writeImage(grey ? greyAsRgb(written) : written, os, ImageFormats.GIF);
                case "tif", "tiff" -> {
                    if (imageIo) {
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
