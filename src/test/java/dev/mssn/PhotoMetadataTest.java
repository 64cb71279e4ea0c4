package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.CapturedStderr;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.png.PngImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phone photo's metadata reaches the upscaled file: the camera, the date and the place in
 * EXIF, the captions in XMP, in JPEG and PNG outputs (streamed or not), with the orientation
 * upright, as the pixels now are, and the stated size the output's.
 */
class PhotoMetadataTest {

    private static final String XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" tiff:Orientation=\"6\" exif:PixelXDimension=\"40\" exif:PixelYDimension=\"30\">"
            + "<dc:creator><rdf:Seq><rdf:li>Ada Lovelace</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>";

    /** A 40x30 JPEG stored sideways, EXIF orientation 6 (turn clockwise to view), with camera, date, GPS and XMP. */
    private static Path phonePhoto(Path dir) throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(3);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", plain);
        TiffOutputSet exif = new TiffOutputSet();
        TiffOutputDirectory root = exif.getOrCreateRootDirectory();
        root.add(TiffTagConstants.TIFF_TAG_MAKE, "TestCam");
        root.add(TiffTagConstants.TIFF_TAG_MODEL, "X1");
        root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
        TiffOutputDirectory exifDir = exif.getOrCreateExifDirectory();
        exifDir.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2026:01:02 03:04:05");
        exifDir.add(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_WIDTH, (short) 40);
        exifDir.add(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_LENGTH, (short) 30);
        exif.setGpsInDegrees(2.35, 48.85);
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), withExif, exif);
        ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
        new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp, XMP);
        Path f = dir.resolve("photo.jpg");
        Files.write(f, withXmp.toByteArray());
        return f;
    }

    @Test
    void theCameraDatePlaceAndCaptionsReachJpegAndPngOutputs(@TempDir Path dir) throws Exception {
        Path in = phonePhoto(dir);
        try (GpuSuperResolver x2 = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
             GpuSuperResolver x15 = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optOutputScale(1.5).build()) {
            x2.upscale(in, dir.resolve("x2.jpg"));
            x2.upscale(in, dir.resolve("x2.png")); // streamed
            x15.upscale(in, dir.resolve("x15.png")); // resampled, written whole
            check(dir.resolve("x2.jpg"), 60, 80);
            check(dir.resolve("x2.png"), 60, 80);
            check(dir.resolve("x15.png"), 45, 60);
            try (CapturedStderr said = new CapturedStderr()) {
                x2.upscale(in, dir.resolve("x2.bmp"));
                said.assertWarned("x2.bmp: .bmp outputs do not carry the input's EXIF and XMP; write .jpg or .png to keep it");
            }
        }
    }

    private static void check(Path out, int width, int height) throws IOException {
        BufferedImage pixels = GpuSuperResolver.readImage(out);
        assertEquals(width, pixels.getWidth(), out + ": upright, as the orientation said");
        assertEquals(height, pixels.getHeight());
        ImageMetadata m = Imaging.getMetadata(out.toFile());
        TiffImageMetadata exif = m instanceof JpegImageMetadata jpeg ? jpeg.getExif() : ((PngImageMetadata) m).getExif();
        assertNotNull(exif, out + " has EXIF");
        assertEquals("TestCam", exif.findField(TiffTagConstants.TIFF_TAG_MAKE).getStringValue(), out.toString());
        assertEquals("X1", exif.findField(TiffTagConstants.TIFF_TAG_MODEL).getStringValue());
        assertEquals(1, exif.findField(TiffTagConstants.TIFF_TAG_ORIENTATION).getIntValue(), out + ": upright now");
        assertEquals("2026:01:02 03:04:05", exif.findField(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL).getStringValue());
        assertEquals(width, exif.findField(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_WIDTH).getIntValue(), out + ": the output's width");
        assertEquals(height, exif.findField(ExifTagConstants.EXIF_TAG_EXIF_IMAGE_LENGTH).getIntValue());
        TiffImageMetadata.GpsInfo gps = exif.getGpsInfo();
        assertNotNull(gps, out + " keeps the place");
        assertEquals(2.35, gps.getLongitudeAsDegreesEast(), 1e-4);
        assertEquals(48.85, gps.getLatitudeAsDegreesNorth(), 1e-4);
        String xmp = Imaging.getXmpXml(out.toFile());
        assertNotNull(xmp, out + " has XMP");
        assertTrue(xmp.contains("Ada Lovelace"), xmp);
        assertTrue(xmp.contains("tiff:Orientation=\"1\""), xmp);
        assertTrue(xmp.contains("exif:PixelXDimension=\"" + width + "\""), xmp);
    }
}
