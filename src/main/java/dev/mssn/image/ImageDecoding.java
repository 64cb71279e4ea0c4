package dev.mssn.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads image files, guarded against what hostile or damaged files do: sizes checked from the
 * header before any pixel is decoded, PNG chunks' CRCs and compressed metadata bounded before a
 * decoder inflates them. Apache Commons Imaging where it reads values as stored, the JDK's
 * ImageIO where it does not (PNG and TIFF, whose grey, 16-bit, profiled or grey-with-alpha values
 * Commons Imaging changes). Errors name the file.
 */
public final class ImageDecoding {

    private static final Logger log = LoggerFactory.getLogger(ImageDecoding.class);

    private ImageDecoding() {}

    /**
     * A decoded image holding the values as stored in the file (no colour management), whether
     * the file stores a single grey channel, and the file's embedded ICC profile, which says what
     * colours the values mean (null: none, so sRGB).
     */
    public record Decoded(BufferedImage image, boolean grey, byte[] iccProfile, PhotoMetadata metadata) {}

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
     * more than {@code maxPixels} pixels (an {@link ImageRefusedException} that says the size, the
     * limit and how to raise it): a small file can claim a size that would take gigabytes.
     */
    public static Decoded read(Path file, long maxPixels) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": " + whyNotAFile(file));
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
            throw new ImageRefusedException(String.format(java.util.Locale.ROOT,
                    "%s: %dx%d is %.1f megapixels, over the limit of %.1f; raise it (--max-megapixels, or"
                            + " GpuSuperResolver.Builder.optMaxInputPixels) to upscale it",
                    file, size[0], size[1], pixels / 1e6, maxPixels / 1e6));
        }
        if (isAnimatedWebp(bytes)) {
            throw stillImagesOnly(file, "an animated WebP");
        }
        if (isTopDownBmp(bytes)) {
            // valid BMP that Commons Imaging refuses (negative height); ImageIO reads it as stored
            BufferedImage img;
            try {
                img = ImageIO.read(new ByteArrayInputStream(bytes));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
            }
            if (img == null) {
                throw new IOException(file + ": cannot decode image: no decoder for this BMP");
            }
            return new Decoded(asStored(img), img.getColorModel().getNumColorComponents() == 1, null, PhotoMetadata.NONE);
        }
        try {
            ImageInfo info = Imaging.getImageInfo(bytes);
            if (size == null && (long) info.getWidth() * info.getHeight() > maxPixels) {
                throw new ImageRefusedException(String.format(java.util.Locale.ROOT,
                        "%s: %dx%d is %.1f megapixels, over the limit of %.1f; raise it (--max-megapixels, or"
                                + " GpuSuperResolver.Builder.optMaxInputPixels) to upscale it",
                        file, info.getWidth(), info.getHeight(), (long) info.getWidth() * info.getHeight() / 1e6, maxPixels / 1e6));
            }
            if (info.getNumberOfImages() > 1) {
                throw stillImagesOnly(file, "a " + info.getFormat().getName() + " of " + info.getNumberOfImages() + " images");
            }
            boolean png = info.getFormat() == ImageFormats.PNG;
            boolean tiff = info.getFormat() == ImageFormats.TIFF;
            boolean webp = info.getFormat() == ImageFormats.WEBP;
            byte[] icc = Imaging.getIccProfileBytes(bytes);
            // Commons Imaging linearises a grey PNG's values (a stored 154 reads back as 82),
            // converts them by an iCCP profile, reduces 16-bit files to 8 bits and drops a grey
            // TIFF's alpha; ImageIO does none of that for PNG and TIFF. For JPEG, BMP and GIF
            // Commons Imaging gives the values as stored (ImageIO's JPEG reader would convert
            // them by an embedded profile).
            BufferedImage img;
            if (tiff) {
                img = readTiff(bytes, file);
            } else if (png || webp) {
                img = ImageIO.read(new ByteArrayInputStream(bytes)); // WebP: libwebp, through its ImageIO plugin
            } else {
                img = Imaging.getBufferedImage(bytes);
            }
            if (img == null) {
                throw new IOException("no decoder");
            }
            if (tiff || info.getFormat() == ImageFormats.JPEG) {
                img = ExifOrientation.apply(img, ExifOrientation.of(bytes)); // as the camera meant it to be seen
            }
            boolean grey = info.getColorType() == ImageInfo.ColorType.GRAYSCALE
                    || img.getColorModel().getNumColorComponents() == 1;
            PhotoMetadata metadata = png || tiff || info.getFormat() == ImageFormats.JPEG ? PhotoMetadata.read(bytes, file) : PhotoMetadata.NONE;
            return new Decoded(asStored(img), grey, usableProfile(icc, grey, file), metadata);
        } catch (ImageRefusedException e) {
            throw e; // the limit, said above
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        }
    }

    /** Why {@code file} cannot be read as a file: it is missing, a folder, a link to nothing, or something else. */
    private static String whyNotAFile(Path file) {
        if (Files.isDirectory(file)) {
            return "is a folder, not an image file";
        }
        if (Files.isSymbolicLink(file)) {
            return "a symbolic link that leads to no file (its target is missing, or the links form a loop)";
        }
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return "not a regular file (a pipe, socket or device), so not read";
        }
        return "no such file";
    }

    /**
     * Decoders give the first frame of an animation or the first page of a multi-page file;
     * upscaling that alone would drop the rest without a word.
     */
    private static ImageRefusedException stillImagesOnly(Path file, String what) {
        return new ImageRefusedException(file + ": " + what + "; only single still images are upscaled"
                + " (split it into images first, e.g. with ffmpeg or ImageMagick)");
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

    /** Whether a file is a WebP that says it is animated: the animation flag of its VP8X header. */
    private static boolean isAnimatedWebp(byte[] bytes) {
        java.nio.charset.Charset latin1 = java.nio.charset.StandardCharsets.ISO_8859_1;
        return bytes.length > 20 && new String(bytes, 0, 4, latin1).equals("RIFF") && new String(bytes, 8, 4, latin1).equals("WEBP")
                && new String(bytes, 12, 4, latin1).equals("VP8X") && (bytes[20] & 0x02) != 0;
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
            if (type.equals("acTL") && length >= 4 && b.getInt(at + 8) != 1) {
                throw stillImagesOnly(file, "an animated PNG of " + Integer.toUnsignedString(b.getInt(at + 8)) + " frames");
            }
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
        requireReadableSampleCount(bytes);
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
     * A TIFF's samples per pixel must be 1 to 4 (grey, grey and alpha, RGB, RGBA): the JDK's
     * decoder allocates without bound for more (a 13x9 file claiming 5 takes over 512 MB), so
     * the count is read from the first directory, the one decoded, before anything else. It is
     * read from the entries directly: damaged fields elsewhere in the directory make ImageIO's
     * metadata refuse the file while its decoder still reads it.
     */
    private static void requireReadableSampleCount(byte[] bytes) throws IOException {
        int samples = tiffSamplesPerPixel(bytes);
        if (samples < 1 || samples > 4) {
            // the caller prefixes the file and "cannot decode image"
            throw new IOException("a TIFF of " + samples + " samples per pixel; 1 to 4 are read (grey, grey and alpha, RGB, RGBA)");
        }
    }

    /** The SamplesPerPixel (tag 277) of a TIFF's first directory: 1, the default, where the field or the directory is missing. */
    static int tiffSamplesPerPixel(byte[] tiff) {
        if (tiff.length < 8 || tiff[0] != tiff[1] || (tiff[0] != 'I' && tiff[0] != 'M')) {
            return 1;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tiff)
                .order(tiff[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        long directory = Integer.toUnsignedLong(b.getInt(4));
        if (directory + 2 > tiff.length) {
            return 1;
        }
        int entries = Short.toUnsignedInt(b.getShort((int) directory));
        for (int i = 0; i < entries && directory + 2 + 12L * (i + 1) <= tiff.length; i++) {
            int entry = (int) directory + 2 + 12 * i;
            if (Short.toUnsignedInt(b.getShort(entry)) == 277) {
                int type = Short.toUnsignedInt(b.getShort(entry + 2));
                return type == 4 ? b.getInt(entry + 8) : Short.toUnsignedInt(b.getShort(entry + 8)); // LONG, else SHORT
            }
        }
        return 1;
    }
}
