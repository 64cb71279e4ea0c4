package dev.mssn.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;

/**
 * An image taken apart for a network that sees 8-bit RGB: the colour as interleaved RGB, the
 * alpha channel (if any) as a plane of its own, and whether the colour is grey, so that the
 * result can be put back together in the same form.
 *
 * <p>Alpha is upscaled by the same network, fed as a grey image (a, a, a); the mean of the
 * three output channels becomes the new alpha. Grey images run as (g, g, g) and come back grey
 * as the mean of the three output channels. Indexed images are expanded to their colours. An
 * alpha channel that is opaque everywhere carries nothing and is left out.
 */
public record ImagePlanes(int width, int height, byte[] rgb, byte[] alpha, boolean grey) {

    /** @param greyFile whether the file the image came from stores grey (decoders often expand it) */
    public static ImagePlanes of(BufferedImage img, boolean greyFile) {
        int w = img.getWidth();
        int h = img.getHeight();
        boolean hasAlpha = img.getColorModel().hasAlpha();
        boolean grey = greyFile || img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        byte[] alpha = hasAlpha ? new byte[w * h] : null;
        if (img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            readGreySamples(img, rgb, alpha);
        } else {
            readSrgb(img, rgb, alpha);
        }
        return new ImagePlanes(w, h, rgb, alpha == null || opaque(alpha) ? null : alpha, grey);
    }

    /** Decoders hand out alpha channels for opaque formats too (BMP, for one); all-opaque alpha carries nothing. */
    private static boolean opaque(byte[] alpha) {
        for (byte a : alpha) {
            if (a != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Non-premultiplied sRGB as {@link BufferedImage#getRGB} gives it, whatever the source layout. */
    private static void readSrgb(BufferedImage img, byte[] rgb, byte[] alpha) {
        int w = img.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < img.getHeight(); y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = y * w + x;
                rgb[i * 3] = (byte) (p >> 16);
                rgb[i * 3 + 1] = (byte) (p >> 8);
                rgb[i * 3 + 2] = (byte) p;
                if (alpha != null) {
                    alpha[i] = (byte) (p >>> 24);
                }
            }
        }
    }

    /**
     * Grey sample values as they are stored. Java's grey colour space is linear, so getRGB would
     * brighten them; image files and other software mean the stored value itself.
     */
    private static void readGreySamples(BufferedImage img, byte[] rgb, byte[] alpha) {
        java.awt.image.Raster r = img.getRaster();
        int greyMax = (1 << r.getSampleModel().getSampleSize(0)) - 1;
        int alphaBand = r.getNumBands() - 1;
        int alphaMax = (1 << r.getSampleModel().getSampleSize(alphaBand)) - 1;
        int w = img.getWidth();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                byte g = (byte) to8Bit(r.getSample(x, y, 0), greyMax);
                rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = g;
                if (alpha != null) {
                    alpha[i] = (byte) to8Bit(r.getSample(x, y, alphaBand), alphaMax);
                }
            }
        }
    }

    private static int to8Bit(int value, int max) {
        return max == 255 ? value : (int) Math.round(value * 255.0 / max);
    }

    public boolean hasAlpha() {
        return alpha != null;
    }

    /** The alpha plane as a grey RGB image, ready for the network. */
    public byte[] alphaAsRgb() {
        byte[] out = new byte[alpha.length * 3];
        for (int i = 0; i < alpha.length; i++) {
            out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = alpha[i];
        }
        return out;
    }

    /**
     * Puts upscaled planes back together in this image's form: grey stays grey, alpha stays.
     *
     * @param alphaRgb the network's output for {@link #alphaAsRgb()}, or null without alpha
     */
    public BufferedImage assemble(int w, int h, byte[] rgb, byte[] alphaRgb) {
        if (hasAlpha() != (alphaRgb != null)) {
            throw new IllegalArgumentException("alpha plane " + (hasAlpha() ? "missing" : "unexpected"));
        }
        if (grey && alphaRgb == null) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] g = new byte[w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    g[x] = (byte) meanOf3(rgb, (y * w + x) * 3);
                }
                out.getRaster().setDataElements(0, y, w, 1, g);
            }
            return out;
        }
        BufferedImage out = new BufferedImage(w, h, alphaRgb != null ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                int p = grey ? meanOf3(rgb, o) * 0x010101
                        : (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
                row[x] = alphaRgb != null ? meanOf3(alphaRgb, o) << 24 | p : p;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Samples per pixel of this image's form: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
    public int samplesPerPixel() {
        return (grey ? 1 : 3) + (hasAlpha() ? 1 : 0);
    }

    /**
     * One upscaled row in this image's form, interleaved as {@link #samplesPerPixel()} bytes a
     * pixel (the layout of PNG rows), taken from upscaled planes as {@link #assemble} takes them.
     */
    public void row(byte[] rgb, byte[] alphaRgb, int w, int y, byte[] dst) {
        int n = samplesPerPixel();
        for (int x = 0; x < w; x++) {
            int o = (y * w + x) * 3;
            int d = x * n;
            if (grey) {
                dst[d] = (byte) meanOf3(rgb, o);
            } else {
                dst[d] = rgb[o];
                dst[d + 1] = rgb[o + 1];
                dst[d + 2] = rgb[o + 2];
            }
            if (alphaRgb != null) {
                dst[d + n - 1] = (byte) meanOf3(alphaRgb, o);
            }
        }
    }

    private static int meanOf3(byte[] rgb, int o) {
        return ((rgb[o] & 0xff) + (rgb[o + 1] & 0xff) + (rgb[o + 2] & 0xff) + 1) / 3;
    }
}
