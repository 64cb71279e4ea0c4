package dev.mssn.engine;

import dev.mssn.model.ModelSpec;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Self-ensemble ("TTA"): a network that upscales each image or tile eight times, once for each
 * flip and transpose of it, turns each result back and averages the eight before rounding.
 * Wraps another network, which stays its owner's: closing this one closes nothing.
 *
 * <p>The passes run at 16 bits (an 8-bit input is widened, v x 257, which the network sees as
 * the same image), so the average is taken over outputs rounded to 1/257 of an 8-bit level and
 * rounded to the input's depth once, at the end; integer sums make it exactly repeatable. As
 * each pass is exact under tiling (the halo covers the receptive field whichever way the tile is
 * turned), tiles upscaled this way join into the same image as the whole image upscaled this way.
 */
public final class SelfEnsemble implements Network {

    /** The flips and transposes averaged. */
    public static final int PASSES = 8;

    private final Network inner;
    private final Runnable passDone;

    /** @param passDone told after every pass (eight per image or tile) */
    public SelfEnsemble(Network inner, Runnable passDone) {
        this.inner = inner;
        this.passDone = passDone;
    }

    public SelfEnsemble(Network inner) {
        this(inner, () -> { });
    }

    @Override
    public ModelSpec spec() {
        return inner.spec();
    }

    @Override
    public RgbImage upscale(RgbImage lr) {
        return upscale(lr, NEVER);
    }

    /** Asks {@code stop} before every pass, and hands it on to the passes. */
    @Override
    public RgbImage upscale(RgbImage lr, BooleanSupplier stop) {
        RgbImage wide = lr.depth() == SampleDepth.BITS_16 ? lr : widen(lr);
        int s = inner.spec().scale();
        int outWidth = lr.width() * s;
        int outHeight = lr.height() * s;
        int[] sum = new int[Math.multiplyExact(Math.multiplyExact(outWidth, outHeight), 3)];
        // two passes in flight, so that a backend that works ahead overlaps one pass's transfers with another's kernels
        Pending previous = null;
        int previousPass = -1;
        try {
            for (int pass = 0; pass < PASSES; pass++) {
                if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("self-ensemble cancelled between passes");
                }
                Pending pending = inner.submit(transform(wide, pass), stop);
                if (previous != null) {
                    Pending done = previous;
                    previous = null;
                    accumulateBack(done.await(), previousPass, sum);
                    passDone.run();
                }
                previous = pending;
                previousPass = pass;
            }
            Pending last = previous;
            previous = null;
            accumulateBack(last.await(), previousPass, sum);
        } finally {
            if (previous != null) {
                awaitAbandoned(previous);
            }
        }
        passDone.run();
        return average(sum, outWidth, outHeight, lr.depth());
    }

    /** Collects a pass left in flight by a stop or a failure, so that the inner network holds nothing. */
    private static void awaitAbandoned(Pending pass) {
        try {
            pass.await();
        } catch (RuntimeException ignored) {
            // the first failure is the one being reported
        }
    }

    /** An 8-bit image as the 16-bit one the network sees identically (v x 257). */
    static RgbImage widen(RgbImage lr) {
        RgbImage out = RgbImage.blank(lr.width(), lr.height(), SampleDepth.BITS_16);
        byte[] src = lr.rgb();
        byte[] dst = out.rgb();
        for (int i = 0; i < src.length; i++) {
            int v = (src[i] & 0xff) * 257;
            dst[2 * i] = (byte) v;
            dst[2 * i + 1] = (byte) (v >>> 8);
        }
        return out;
    }

    /**
     * The pixel of an image {@code w} x {@code h} (before the transform) that pixel (x, y) of its
     * transform shows. Pass bits: 4 transposes (first), 1 flips left-right, 2 flips top-bottom
     * (both in the transformed image). {@code tw}, {@code th}: the transformed image's size.
     */
    static int sourcePixel(int pass, int x, int y, int tw, int th, int w) {
        int fx = (pass & 1) != 0 ? tw - 1 - x : x;
        int fy = (pass & 2) != 0 ? th - 1 - y : y;
        return (pass & 4) != 0 ? fx * w + fy : fy * w + fx;
    }

    /** The image turned by {@code pass}: width and height swap when the pass transposes. */
    static RgbImage transform(RgbImage img, int pass) {
        boolean transpose = (pass & 4) != 0;
        int tw = transpose ? img.height() : img.width();
        int th = transpose ? img.width() : img.height();
        int bytes = img.pixelBytes();
        RgbImage out = RgbImage.blank(tw, th, img.depth());
        byte[] src = img.rgb();
        byte[] dst = out.rgb();
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                System.arraycopy(src, sourcePixel(pass, x, y, tw, th, img.width()) * bytes, dst, (y * tw + x) * bytes, bytes);
            }
        }
        return out;
    }

    /** Adds the 16-bit result of {@code pass}, turned back, to {@code sum} (in the untransformed layout). */
    private static void accumulateBack(RgbImage result, int pass, int[] sum) {
        int tw = result.width();
        int th = result.height();
        int w = (pass & 4) != 0 ? th : tw;
        byte[] rgb = result.rgb();
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int to = sourcePixel(pass, x, y, tw, th, w) * 3;
                int from = (y * tw + x) * 6;
                for (int c = 0; c < 3; c++) {
                    sum[to + c] += (rgb[from + 2 * c] & 0xff) | (rgb[from + 2 * c + 1] & 0xff) << 8;
                }
            }
        }
    }

    /** The mean of the eight 16-bit passes at {@code depth}, rounded half up (sums are never negative). */
    private static RgbImage average(int[] sum, int width, int height, SampleDepth depth) {
        RgbImage out = RgbImage.blank(width, height, depth);
        byte[] rgb = out.rgb();
        int divisor = depth == SampleDepth.BITS_16 ? PASSES : PASSES * 257;
        for (int i = 0; i < sum.length; i++) {
            depth.set(rgb, i, (sum[i] + divisor / 2) / divisor);
        }
        return out;
    }

    /** The wrapped network stays open: it belongs to whoever wrapped it. */
    @Override
    public void close() {
    }
}
