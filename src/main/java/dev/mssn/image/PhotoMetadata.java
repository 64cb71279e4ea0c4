package dev.mssn.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.png.PngImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossy;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A photo's EXIF and XMP metadata (camera, lens, exposure, date, place, captions, ratings),
 * carried from an input to its upscaled output through Commons Imaging, with what the upscale
 * changed set right: the orientation is upright (the pixels were turned as it said) and the
 * stated pixel dimensions are the output's. JPEG and PNG outputs carry it (PNG in its eXIf and
 * XMP iTXt chunks); it is read from JPEG, PNG and (XMP only) TIFF inputs.
 */
public final class PhotoMetadata {

    private static final Logger log = LoggerFactory.getLogger(PhotoMetadata.class);

    public static final PhotoMetadata NONE = new PhotoMetadata(null, null);

    private final TiffImageMetadata exif;
    private final String xmp;

    private PhotoMetadata(TiffImageMetadata exif, String xmp) {
        this.exif = exif;
        this.xmp = xmp;
    }

    /** What {@code bytes} (the file {@code file}) carries; a damaged block is left out with a warning, never failing the upscale. */
    static PhotoMetadata read(byte[] bytes, Path file) {
        TiffImageMetadata exif = null;
        String xmp = null;
        try {
            ImageMetadata m = Imaging.getMetadata(bytes);
            exif = m instanceof JpegImageMetadata jpeg ? jpeg.getExif() : m instanceof PngImageMetadata png ? png.getExif() : null;
        } catch (IOException | RuntimeException e) {
            log.warn("{}: its EXIF metadata cannot be read ({}); the output carries none", file, e.getMessage());
        }
        try {
            xmp = Imaging.getXmpXml(bytes);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: its XMP metadata cannot be read ({}); the output carries none", file, e.getMessage());
        }
        return exif == null && (xmp == null || xmp.isBlank()) ? NONE : new PhotoMetadata(exif, xmp);
    }

    public boolean isEmpty() {
        return exif == null && xmp == null;
    }

    /** The EXIF for an output of {@code width} x {@code height}, or null when there is none. */
    private TiffOutputSet exifFor(int width, int height) throws ImagingException {
        if (exif == null) {
            return null;
        }
        TiffOutputSet set = exif.getOutputSet();
        TiffOutputDirectory root = set.getOrCreateRootDirectory();
        root.removeField(TiffTagConstants.TIFF_TAG_ORIENTATION);
        root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 1);
        TiffOutputDirectory exifDir = set.getExifDirectory();
        if (exifDir != null) {
            if (exifDir.findField(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_WIDTH) != null) {
                exifDir.removeField(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_WIDTH);
                exifDir.add(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_WIDTH, (short) Math.min(width, 0xffff)); // unsigned
            }
            if (exifDir.findField(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_LENGTH) != null) {
                exifDir.removeField(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_LENGTH);
                exifDir.add(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_LENGTH, (short) Math.min(height, 0xffff));
            }
        }
        return set;
    }

    private static final Pattern XMP_ORIENTATION = Pattern.compile("(tiff:Orientation(?:=\"|>))\\d+");
    private static final Pattern XMP_WIDTH = Pattern.compile("((?:exif:PixelXDimension|tiff:ImageWidth)(?:=\"|>))\\d+");
    private static final Pattern XMP_HEIGHT = Pattern.compile("((?:exif:PixelYDimension|tiff:ImageLength)(?:=\"|>))\\d+");

    /** The XMP for an output of {@code width} x {@code height}, or null when there is none. */
    private String xmpFor(int width, int height) {
        if (xmp == null) {
            return null;
        }
        String s = XMP_ORIENTATION.matcher(xmp).replaceAll("$11");
        s = XMP_WIDTH.matcher(s).replaceAll("$1" + width);
        return XMP_HEIGHT.matcher(s).replaceAll("$1" + height);
    }

    /** Writes {@code jpeg}, a whole JPEG file of {@code width} x {@code height}, with this metadata in it. */
    void writeJpeg(byte[] jpeg, OutputStream os, int width, int height) throws IOException {
        byte[] bytes = jpeg;
        TiffOutputSet set = exifFor(width, height);
        if (set != null) {
            ByteArrayOutputStream withExif = new ByteArrayOutputStream(bytes.length + 65536);
            new ExifRewriter().updateExifMetadataLossless(bytes, withExif, set);
            bytes = withExif.toByteArray();
        }
        String x = xmpFor(width, height);
        if (x != null) {
            ByteArrayOutputStream withXmp = new ByteArrayOutputStream(bytes.length + x.length() * 2);
            new JpegXmpRewriter().updateXmpXml(bytes, withXmp, x);
            bytes = withXmp.toByteArray();
        }
        os.write(bytes);
    }

    /** The chunks that carry this metadata in a PNG of {@code width} x {@code height}: eXIf, and iTXt with the XMP packet. */
    List<PngChunk> pngChunks(int width, int height) throws IOException {
        List<PngChunk> chunks = new ArrayList<>();
        TiffOutputSet set = exifFor(width, height);
        if (set != null) {
            ByteArrayOutputStream tiff = new ByteArrayOutputStream();
            new TiffImageWriterLossy(set.byteOrder).write(tiff, set);
            chunks.add(new PngChunk("eXIf", tiff.toByteArray()));
        }
        String x = xmpFor(width, height);
        if (x != null) {
            ByteArrayOutputStream itxt = new ByteArrayOutputStream();
            itxt.write("XML:com.adobe.xmp".getBytes(StandardCharsets.ISO_8859_1));
            itxt.write(new byte[] {0, 0, 0, 0, 0}); // keyword end, not compressed, method, no language, no translated keyword
            itxt.write(x.getBytes(StandardCharsets.UTF_8));
            chunks.add(new PngChunk("iTXt", itxt.toByteArray()));
        }
        return chunks;
    }

    /** A whole PNG file with {@code chunks} placed right after its header chunk. */
    static byte[] insertIntoPng(byte[] png, List<PngChunk> chunks) throws IOException {
        int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, then IHDR (length, type, 13 bytes, CRC), always first
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 65536);
        out.write(png, 0, afterHeader);
        for (PngChunk c : chunks) {
            c.writeTo(out);
        }
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    /** A PNG chunk: its type and data; length and CRC are written with it. */
    record PngChunk(String type, byte[] data) {
        void writeTo(OutputStream out) throws IOException {
            byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
            writeInt(out, data.length);
            out.write(typeBytes);
            out.write(data);
            CRC32 crc = new CRC32();
            crc.update(typeBytes);
            crc.update(data);
            writeInt(out, (int) crc.getValue());
        }

        private static void writeInt(OutputStream out, int v) throws IOException {
            out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }
    }

    @Override
    public String toString() {
        return isEmpty() ? "no metadata" : (exif != null ? "EXIF" : "") + (exif != null && xmp != null ? " and " : "") + (xmp != null ? "XMP" : "");
    }
}
