package dev.mssn.image;

import java.awt.image.BufferedImage;

/** {@link BufferedImage} to 8-bit interleaved RGB bytes, as the evaluation protocol reads images. */
public final class PixelConversion {

    private PixelConversion() {}

    /**
     * 8-bit RGB, interleaved, from the stored values (grey ones as stored, not through Java's
     * linear grey); grey and indexed images are expanded, alpha is ignored, 16-bit samples are
     * rounded to 8 bits.
     */
    public static byte[] toRgb(BufferedImage img) {
        ImagePlanes planes = ImagePlanes.of(img, false);
        if (planes.bits() == 8) {
            return planes.rgb();
        }
        byte[] out = new byte[planes.rgb().length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.round(ImagePlanes.sample(planes.rgb(), i, 16) / 257.0);
        }
        return out;
    }
}
