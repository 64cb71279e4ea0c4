package dev.mssn;

import java.util.Locale;

/**
 * The size an upscale's output takes: the network's own (the input times its scale), a factor,
 * an exact size, or the largest size that fits a box with the input's proportions. Anything but
 * the network's own is reached by the network at the smallest trained scale that reaches it
 * and a resampler that takes its result to the exact size.
 */
final class OutputSize {

    private enum Kind { NETWORK, FACTOR, EXACT, FIT }

    static final OutputSize NETWORK = new OutputSize(Kind.NETWORK, 0, 0, 0);

    private final Kind kind;
    private final double factor;
    private final int width;
    private final int height;

    private OutputSize(Kind kind, double factor, int width, int height) {
        this.kind = kind;
        this.factor = factor;
        this.width = width;
        this.height = height;
    }

    static OutputSize factor(double factor) {
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("output scale must be a number of at least 1, got " + factor);
        }
        return new OutputSize(Kind.FACTOR, factor, 0, 0);
    }

    static OutputSize exactly(int width, int height) {
        requirePositive(width, height);
        return new OutputSize(Kind.EXACT, 0, width, height);
    }

    static OutputSize fitWithin(int width, int height) {
        requirePositive(width, height);
        return new OutputSize(Kind.FIT, 0, width, height);
    }

    private static void requirePositive(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("output size must be positive, got " + width + "x" + height);
        }
    }

    /** Whether the output is the input times the network's scale, with no resampling. */
    boolean isNetworkScale() {
        return kind == Kind.NETWORK;
    }

    /** The growth every image needs, where it does not depend on the image (a factor). */
    java.util.OptionalDouble growthIfFixed() {
        return kind == Kind.FACTOR ? java.util.OptionalDouble.of(factor) : java.util.OptionalDouble.empty();
    }

    /** How much an input of this size must grow for this output: the larger of the two sides' factors. */
    double growth(int inWidth, int inHeight) {
        return switch (kind) {
            case NETWORK -> throw new IllegalStateException("the network's own size needs no growth factor");
            case FACTOR -> factor;
            case EXACT -> Math.max((double) width / inWidth, (double) height / inHeight);
            case FIT -> Math.min((double) width / inWidth, (double) height / inHeight);
        };
    }

    /** The output's {width, height} for an input of this size and a network of this scale. */
    int[] of(int inWidth, int inHeight, int networkScale) {
        return switch (kind) {
            case NETWORK -> new int[] {Math.multiplyExact(inWidth, networkScale), Math.multiplyExact(inHeight, networkScale)};
            case FACTOR -> new int[] {side(inWidth * factor), side(inHeight * factor)};
            case EXACT -> new int[] {width, height};
            case FIT -> {
                double f = growth(inWidth, inHeight);
                // the side that fills the box is the box's exactly; the other rounds, within the box
                yield new int[] {Math.min(width, side(inWidth * f)), Math.min(height, side(inHeight * f))};
            }
        };
    }

    private static int side(double exact) {
        long rounded = Math.round(exact);
        if (rounded > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an output side of " + rounded + " pixels is more than an image can have");
        }
        return (int) Math.max(1, rounded);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NETWORK -> "the network's scale";
            case FACTOR -> String.format(Locale.ROOT, "x%s", factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor));
            case EXACT -> width + "x" + height;
            case FIT -> "within " + width + "x" + height;
        };
    }
}
