package dev.mssn.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Path;

/**
 * Embedded ICC profiles: which outputs can carry one, and the conversion into sRGB for those
 * that cannot. Planes and images handed around hold the values as stored in the file; the
 * profile says what colours they mean.
 */
public final class IccProfiles {

    /** Output formats that can embed a profile: PNG (iCCP), JPEG (APP2), TIFF (tag 34675). */

    private IccProfiles() {}

    /** Whether the format of {@code out} can embed an ICC profile. */
    public static boolean canCarry(Path out) {
        return ImageFormat.forName(out).map(ImageFormat::keepsIccProfile).orElse(false);
    }

    /** The colour space of a profile; an unreadable profile is an {@link IllegalArgumentException}. */
    static ICC_ColorSpace spaceOf(byte[] profile) {
        return new ICC_ColorSpace(ICC_Profile.getInstance(profile));
    }

    /**
     * The planes' colours converted from the profile's colour space into sRGB, at the planes' bit
     * depth (Java2D's colour management); alpha is left as it is and grey planes stay grey (the
     * mean of the converted channels). The profile is an RGB one for colour planes and a grey one
     * for grey planes, as {@link ImageDecoding#read} hands them out.
     */
    public static ImagePlanes toSrgb(ImagePlanes planes, byte[] profile) {
        ICC_ColorSpace space = spaceOf(profile);
        int colours = space.getNumComponents();
        int w = planes.width();
        int h = planes.height();
        int type = planes.bits() == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        BufferedImage stored = blank(space, type, w, h);
        BufferedImage srgb = blank(ColorSpace.getInstance(ColorSpace.CS_sRGB), type, w, h);
        WritableRaster in = stored.getRaster();
        int[] px = new int[colours];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < colours; c++) {
                    px[c] = ImagePlanes.sample(planes.rgb(), (y * w + x) * 3 + c, planes.bits());
                }
                in.setPixel(x, y, px);
            }
        }
        new ColorConvertOp(null).filter(stored, srgb);
        byte[] rgb = new byte[planes.rgb().length];
        Raster out = srgb.getRaster();
        int[] three = new int[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.getPixel(x, y, three);
                for (int c = 0; c < 3; c++) {
                    ImagePlanes.setSample(rgb, (y * w + x) * 3 + c, planes.bits(), three[c]);
                }
            }
        }
        return new ImagePlanes(w, h, rgb, planes.alpha(), planes.grey(), planes.bits());
    }

    private static BufferedImage blank(ColorSpace space, int transferType, int w, int h) {
        ColorModel cm = new ComponentColorModel(space, false, false, Transparency.OPAQUE, transferType);
        return new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
    }

    /**
     * The image's stored values relabelled as being in the profile's colour space (nothing is
     * converted), for writers that embed the profile of the image's colour space (ImageIO's
     * JPEG and TIFF writers) and for reading its rows as stored. The image is one
     * {@link ImagePlanes#assemble} made: grey, grey with alpha as ARGB, RGB or RGBA.
     */
    static BufferedImage labelled(BufferedImage img, byte[] profile) {
        ICC_ColorSpace space = spaceOf(profile);
        ColorModel source = img.getColorModel();
        boolean alpha = source.hasAlpha();
        int type = ImagePlanes.bitsOf(source) > 8 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        ColorModel cm = new ComponentColorModel(space, alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        WritableRaster raster = cm.createCompatibleWritableRaster(img.getWidth(), img.getHeight());
        int colours = space.getNumComponents();
        int sourceBands = img.getRaster().getNumBands();
        int[] from = new int[sourceBands];
        int[] to = new int[raster.getNumBands()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.getRaster().getPixel(x, y, from);
                for (int c = 0; c < colours; c++) {
                    to[c] = from[source.getNumColorComponents() == 1 ? 0 : c];
                }
                if (alpha) {
                    to[colours] = from[sourceBands - 1];
                }
                raster.setPixel(x, y, to);
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }
}
