package dev.mssn.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;

/**
 * The EXIF orientation a camera records instead of turning the pixels (a phone held upright
 * stores a landscape image tagged "rotate 90 degrees"). Decoders give the pixels as stored, and
 * outputs carry no orientation tag, so the image is turned as it is read: a portrait comes out
 * a portrait.
 */
public final class ExifOrientation {

    private ExifOrientation() {}

    /**
     * The orientation a JPEG or TIFF records, 1 to 8 (1: as stored); 1 for other formats, without
     * the tag, or with a value outside 1 to 8 (shown as stored, as viewers do).
     */
    public static int of(byte[] file) {
        try {
            ImageMetadata metadata = Imaging.getMetadata(file);
            TiffField field = null;
            if (metadata instanceof JpegImageMetadata jpeg) {
                field = jpeg.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION);
            } else if (metadata instanceof TiffImageMetadata tiff) {
                field = tiff.findField(TiffTagConstants.TIFF_TAG_ORIENTATION);
            }
            int value = field == null ? 1 : field.getIntValue();
            return value >= 1 && value <= 8 ? value : 1;
        } catch (IOException | RuntimeException unreadable) {
            return 1; // damaged metadata: the pixels as stored, which decode regardless
        }
    }

    /** {@code image} turned and flipped as EXIF {@code orientation} says it is meant to be seen; the same image for 1. */
    public static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5; // the four that turn by a quarter (or transpose)
        WritableRaster from = image.getRaster();
        WritableRaster to = image.getColorModel().createCompatibleWritableRaster(swaps ? h : w, swaps ? w : h);
        int[] pixel = new int[from.getNumBands()];
        for (int y = 0; y < to.getHeight(); y++) {
            for (int x = 0; x < to.getWidth(); x++) {
                // the stored pixel that is seen at (x, y)
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }         // mirrored
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; } // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; }         // mirrored upside down
                    case 5 -> { sx = y; sy = x; }                 // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }         // turned a quarter clockwise to be seen
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; } // transversed
                    default -> { sx = w - 1 - y; sy = x; }        // 8: a quarter anticlockwise
                }
                to.setPixel(x, y, from.getPixel(sx, sy, pixel));
            }
        }
        return new BufferedImage(image.getColorModel(), to, image.isAlphaPremultiplied(), null);
    }
}
