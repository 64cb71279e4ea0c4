package dev.mssn.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * An image taken apart for a network that sees RGB: the colour as interleaved RGB, the alpha
 * channel (if any) as a plane of its own, whether the colour is grey, and the bits per sample
 * (8, or 16 for images with more than 8), so that the result can be put back together in the
 * same form. At 16 bits every sample takes two bytes, low byte first.
 *
 * <p>Alpha is upscaled by the same network, fed as a grey image (a, a, a); the mean of the
 * three output channels becomes the new alpha. Grey images run as (g, g, g) and come back grey
 * as the mean of the three output channels. Indexed images are expanded to their colours. An
 * alpha channel that is opaque everywhere carries nothing and is left out.
 */
public record ImagePlanes(int width, int height, byte[] rgb, byte[] alpha, boolean grey, int bits) {

    public ImagePlanes {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("samples of " + bits + " bits: use 8 or 16");
        }
        long samples = (long) width * height * (bits / 8);
        if (rgb.length != samples * 3 || alpha != null && alpha.length != samples) {
            throw new IllegalArgumentException(width + "x" + height + " planes of " + bits + " bits need " + samples * 3
                    + " colour bytes" + (alpha != null ? " and " + samples + " alpha bytes" : ""));
        }
    }

    /**
     * These planes inside a border of {@code margin} pixels that continues them periodically, as
     * if the image were one tile of a texture repeated in both directions (the border wraps
     * around however small the image).
     */
    public ImagePlanes wrapPadded(int margin) {
        int w2 = Math.addExact(width, 2 * margin);
        int h2 = Math.addExact(height, 2 * margin);
        int bytes = bits / 8;
        byte[] rgb2 = new byte[Math.toIntExact((long) w2 * h2 * 3 * bytes)];
        byte[] alpha2 = alpha == null ? null : new byte[Math.toIntExact((long) w2 * h2 * bytes)];
        for (int y = 0; y < h2; y++) {
            int sy = Math.floorMod(y - margin, height);
            for (int x = 0; x < w2; x++) {
                int sx = Math.floorMod(x - margin, width);
                System.arraycopy(rgb, (sy * width + sx) * 3 * bytes, rgb2, (y * w2 + x) * 3 * bytes, 3 * bytes);
                if (alpha != null) {
                    System.arraycopy(alpha, (sy * width + sx) * bytes, alpha2, (y * w2 + x) * bytes, bytes);
                }
            }
        }
        return new ImagePlanes(w2, h2, rgb2, alpha2, grey, bits);
    }

    /** The largest array the JVM allocates (a little under Integer.MAX_VALUE). */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** @param greyFile whether the file the image came from stores grey (decoders often expand it) */
    public static ImagePlanes of(BufferedImage img, boolean greyFile) {
        int w = img.getWidth();
        int h = img.getHeight();
        int bits = bitsOf(img.getColorModel());
        boolean hasAlpha = img.getColorModel().hasAlpha();
        boolean greySpace = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int bytes = bits / 8;
        long colourBytes = (long) w * h * 3 * bytes;
        if (colourBytes > MAX_ARRAY) {
            throw new ImageRefusedException(String.format(java.util.Locale.ROOT,
                    "a %dx%d image at %d bits is %.1f GB of colour samples, more than one Java array holds (2 GB);"
                            + " upscale it in parts", w, h, bits, colourBytes / 1e9));
        }
        byte[] rgb = new byte[(int) colourBytes];
        byte[] alpha = hasAlpha ? new byte[(int) ((long) w * h * bytes)] : null;
        if (bits == 16) {
            readSamples(asPlain16(img, greySpace), bits, rgb, alpha);
        } else if (greySpace) {
            readSamples(img, bits, rgb, alpha);
        } else {
            readSrgb(img, rgb, alpha);
        }
        return new ImagePlanes(w, h, rgb, alpha == null || opaque(alpha) ? null : alpha, greyFile || greySpace, bits);
    }

    /** 16 when any colour or alpha component has more than 8 bits (palettes hold 8-bit colours), else 8. */
    static int bitsOf(ColorModel cm) {
        if (cm instanceof IndexColorModel) {
            return 8;
        }
        for (int size : cm.getComponentSize()) {
            if (size > 8) {
                return 16;
            }
        }
        return 8;
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

    /** Non-premultiplied 8-bit sRGB as {@link BufferedImage#getRGB} gives it, whatever the source layout. */
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
     * A 16-bit image whose stored samples can be read as they are: itself when its samples are
     * integers, not premultiplied, and grey or sRGB; else converted by Java2D into 16-bit grey
     * or sRGB (other colour spaces, premultiplied alpha, float samples).
     */
    private static BufferedImage asPlain16(BufferedImage img, boolean grey) {
        ColorModel cm = img.getColorModel();
        boolean integral = cm.getTransferType() == DataBuffer.TYPE_USHORT || cm.getTransferType() == DataBuffer.TYPE_BYTE;
        boolean space = grey ? cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY : cm.getColorSpace().isCS_sRGB();
        if (cm instanceof ComponentColorModel && integral && space && !cm.isAlphaPremultiplied()) {
            return img;
        }
        BufferedImage out = blank(16, img.getWidth(), img.getHeight(), grey, cm.hasAlpha());
        new ColorConvertOp(null).filter(img, out);
        return out;
    }

    /**
     * The stored samples, scaled to {@code bits}: grey as (g, g, g), colour as it is. Java's grey
     * colour space is linear, so getRGB would brighten grey; image files and other software mean
     * the stored value itself. Grey and 16-bit images are read this way; the image's samples
     * are bytes or unsigned shorts.
     */
    private static void readSamples(BufferedImage img, int bits, byte[] rgb, byte[] alpha) {
        Raster r = img.getRaster();
        int colourBands = img.getColorModel().getNumColorComponents();
        int bands = r.getNumBands();
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << r.getSampleModel().getSampleSize(b)) - 1;
        }
        int top = (1 << bits) - 1;
        int w = img.getWidth();
        int[] row = new int[w * bands];
        for (int y = 0; y < img.getHeight(); y++) {
            r.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                for (int c = 0; c < 3; c++) {
                    int band = colourBands == 1 ? 0 : c;
                    setSample(rgb, i * 3 + c, bits, rescale(row[x * bands + band], max[band], top));
                }
                if (alpha != null) {
                    setSample(alpha, i, bits, rescale(row[x * bands + bands - 1], max[bands - 1], top));
                }
            }
        }
    }

    private static int rescale(int value, int max, int top) {
        return max == top ? value : (int) Math.round(value * (double) top / max);
    }

    static int sample(byte[] samples, int i, int bits) {
        return bits == 8 ? samples[i] & 0xff : (samples[2 * i] & 0xff) | (samples[2 * i + 1] & 0xff) << 8;
    }

    static void setSample(byte[] samples, int i, int bits, int value) {
        if (bits == 8) {
            samples[i] = (byte) value;
        } else {
            samples[2 * i] = (byte) value;
            samples[2 * i + 1] = (byte) (value >>> 8);
        }
    }

    public boolean hasAlpha() {
        return alpha != null;
    }

    /** The alpha plane as a grey RGB image, ready for the network. */
    public byte[] alphaAsRgb() {
        int n = width * height;
        byte[] out = new byte[alpha.length * 3];
        for (int i = 0; i < n; i++) {
            int a = sample(alpha, i, bits);
            for (int c = 0; c < 3; c++) {
                setSample(out, i * 3 + c, bits, a);
            }
        }
        return out;
    }

    /**
     * Puts upscaled planes back together in this image's form: grey stays grey (with its alpha,
     * if any), alpha stays, 16 bits stay 16 bits (sRGB or grey, unsigned short samples).
     *
     * @param alphaRgb the network's output for {@link #alphaAsRgb()}, or null without alpha
     */
    public BufferedImage assemble(int w, int h, byte[] rgb, byte[] alphaRgb) {
        if (hasAlpha() != (alphaRgb != null)) {
            throw new IllegalArgumentException("alpha plane " + (hasAlpha() ? "missing" : "unexpected"));
        }
        if (bits == 16 || grey) {
            return assembleComponents(w, h, rgb, alphaRgb);
        }
        BufferedImage out = new BufferedImage(w, h, alphaRgb != null ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                int p = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
                row[x] = alphaRgb != null ? meanOf3(alphaRgb, o) << 24 | p : p;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Grey (with or without alpha) and 16-bit images, sample by sample into a component raster. */
    private BufferedImage assembleComponents(int w, int h, byte[] rgb, byte[] alphaRgb) {
        BufferedImage out = blank(bits, w, h, grey, alphaRgb != null);
        WritableRaster raster = out.getRaster();
        int n = samplesPerPixel();
        int[] row = new int[w * n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                samplesOf(rgb, alphaRgb, (y * w + x) * 3, row, x * n);
            }
            raster.setPixels(0, y, w, 1, row);
        }
        return out;
    }

    /**
     * An empty image of 8- or 16-bit samples, sRGB or grey, with or without alpha: a standard
     * type where there is one, else a component colour model.
     */
    private static BufferedImage blank(int bits, int w, int h, boolean grey, boolean alpha) {
        if (grey && !alpha) {
            return new BufferedImage(w, h, bits == 8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        }
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(grey ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB),
                alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT);
        return new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
    }

    /**
     * A 16-bit image without alpha reduced to 8 bits, for formats that hold no more: grey from its
     * stored samples (as {@link #of} reads them), colour as 8-bit sRGB.
     */
    static BufferedImage toEightBits(BufferedImage img) {
        ImagePlanes planes = of(img, false);
        if (planes.hasAlpha()) {
            throw new IllegalArgumentException("reducing an image with alpha to 8 bits");
        }
        byte[] rgb = new byte[planes.width * planes.height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) rescale(sample(planes.rgb, i, planes.bits), (1 << planes.bits) - 1, 255);
        }
        ImagePlanes eight = new ImagePlanes(planes.width, planes.height, rgb, null, planes.grey, 8);
        return eight.assemble(planes.width, planes.height, rgb, null);
    }

    /** Samples per pixel of this image's form: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
    public int samplesPerPixel() {
        return (grey ? 1 : 3) + (hasAlpha() ? 1 : 0);
    }

    /**
     * One upscaled row in this image's form, interleaved as {@link #samplesPerPixel()} samples a
     * pixel of {@link #bits()} bits, most significant byte first (the layout of PNG rows), taken
     * from upscaled planes as {@link #assemble} takes them.
     */
    public void row(byte[] rgb, byte[] alphaRgb, int w, int y, byte[] dst) {
        int n = samplesPerPixel();
        int[] px = new int[n];
        for (int x = 0; x < w; x++) {
            samplesOf(rgb, alphaRgb, (y * w + x) * 3, px, 0);
            for (int k = 0; k < n; k++) {
                if (bits == 8) {
                    dst[x * n + k] = (byte) px[k];
                } else {
                    dst[2 * (x * n + k)] = (byte) (px[k] >>> 8);
                    dst[2 * (x * n + k) + 1] = (byte) px[k];
                }
            }
        }
    }

    /** The output samples of one pixel in this image's form, from RGB sample index {@code o}. */
    private void samplesOf(byte[] rgb, byte[] alphaRgb, int o, int[] dst, int d) {
        int n = samplesPerPixel();
        if (grey) {
            dst[d] = meanOf3(rgb, o);
        } else {
            dst[d] = sample(rgb, o, bits);
            dst[d + 1] = sample(rgb, o + 1, bits);
            dst[d + 2] = sample(rgb, o + 2, bits);
        }
        if (alphaRgb != null) {
            dst[d + n - 1] = meanOf3(alphaRgb, o);
        }
    }

    private int meanOf3(byte[] rgb, int o) {
        return (sample(rgb, o, bits) + sample(rgb, o + 1, bits) + sample(rgb, o + 2, bits) + 1) / 3;
    }
}
