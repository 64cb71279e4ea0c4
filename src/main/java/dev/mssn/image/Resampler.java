package dev.mssn.image;

import java.util.stream.IntStream;

/**
 * Resizes an image to any size with a Lanczos-3 filter, separably (rows, then columns). When it
 * shrinks, the filter is widened by the shrink factor, so that detail finer than the new pixel
 * grid is averaged away instead of aliasing into moiré. Edges repeat the outermost pixel, or
 * with {@code wrap} continue periodically, so that a tileable texture stays tileable.
 * Samples are interleaved RGB of 8 or 16 bits (16 little-endian, as the network's images hold
 * them) and keep their depth; values are rounded half to even and clamped, as the network's are.
 */
public final class Resampler {

    /** Lobes of the windowed sinc: 3 is the usual balance between sharpness and ringing. */
    private static final int LOBES = 3;

    private Resampler() {}

    /** Resizes {@code rgb}, {@code width} x {@code height} pixels of {@code bits} (8 or 16) per sample, to {@code outWidth} x {@code outHeight}. */
    public static byte[] resize(byte[] rgb, int width, int height, int bits, int outWidth, int outHeight, boolean wrap) {
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("size must be positive, got " + outWidth + "x" + outHeight);
        }
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("samples must have 8 or 16 bits, got " + bits);
        }
        if (outWidth == width && outHeight == height) {
            return rgb;
        }
        Taps across = Taps.of(width, outWidth, wrap);
        Taps down = Taps.of(height, outHeight, wrap);
        boolean wide = bits == 16;
        // rows first: the input's rows at the new width, kept as floats until the columns are done
        float[] rows = new float[Math.multiplyExact(Math.multiplyExact(outWidth, height), 3)];
        IntStream.range(0, height).parallel().forEach(y -> {
            int srcRow = y * width * 3;
            int dstRow = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int t = 0; t < across.count; t++) {
                    int k = x * across.count + t;
                    float w = across.weight[k];
                    int s = srcRow + across.index[k] * 3;
                    r += w * sample(rgb, s, wide);
                    g += w * sample(rgb, s + 1, wide);
                    b += w * sample(rgb, s + 2, wide);
                }
                rows[dstRow + x * 3] = r;
                rows[dstRow + x * 3 + 1] = g;
                rows[dstRow + x * 3 + 2] = b;
            }
        });
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(outWidth, outHeight), 3), bits / 8)];
        int rowLength = outWidth * 3;
        int max = (1 << bits) - 1;
        IntStream.range(0, outHeight).parallel().forEach(y -> {
            for (int i = 0; i < rowLength; i++) {
                float v = 0;
                for (int t = 0; t < down.count; t++) {
                    int k = y * down.count + t;
                    v += down.weight[k] * rows[down.index[k] * rowLength + i];
                }
                int q = (int) Math.min(Math.max(Math.rint(v), 0), max);
                int at = y * rowLength + i;
                if (wide) {
                    out[2 * at] = (byte) q;
                    out[2 * at + 1] = (byte) (q >>> 8);
                } else {
                    out[at] = (byte) q;
                }
            }
        });
        return out;
    }

    private static int sample(byte[] rgb, int i, boolean wide) {
        return wide ? (rgb[2 * i] & 0xff) | (rgb[2 * i + 1] & 0xff) << 8 : rgb[i] & 0xff;
    }

    /** For each output position along one axis, the input positions it reads and their weights (summing to 1). */
    private static final class Taps {
        final int count;
        final int[] index;
        final float[] weight;

        private Taps(int count, int[] index, float[] weight) {
            this.count = count;
            this.index = index;
            this.weight = weight;
        }

        static Taps of(int inLength, int outLength, boolean wrap) {
            double scale = (double) outLength / inLength;
            double stretch = Math.max(1, 1 / scale); // the filter widens as the image shrinks
            double support = LOBES * stretch;
            int count = (int) Math.ceil(2 * support) + 1;
            int[] index = new int[Math.multiplyExact(outLength, count)];
            float[] weight = new float[index.length];
            double[] w = new double[count];
            for (int o = 0; o < outLength; o++) {
                double centre = (o + 0.5) / scale - 0.5; // pixel centres line up, as in every common resizer
                int first = (int) Math.floor(centre - support) + 1;
                double sum = 0;
                for (int t = 0; t < count; t++) {
                    w[t] = lanczos((first + t - centre) / stretch);
                    sum += w[t];
                }
                for (int t = 0; t < count; t++) {
                    index[o * count + t] = wrap ? Math.floorMod(first + t, inLength) : Math.min(Math.max(first + t, 0), inLength - 1);
                    weight[o * count + t] = (float) (w[t] / sum);
                }
            }
            return new Taps(count, index, weight);
        }
    }

    /** sinc(x) sinc(x / 3) on |x| < 3. */
    static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (Math.abs(x) >= LOBES) {
            return 0;
        }
        double px = Math.PI * x;
        return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
    }
}
