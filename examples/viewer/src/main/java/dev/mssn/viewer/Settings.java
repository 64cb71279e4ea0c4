package dev.mssn.viewer;

import dev.mssn.Precision;

/**
 * What the user chose for an upscale: the builder options of one resolver.
 *
 * @param factor how many times larger: 2, 3 or 4 the network's own scale, any other (1.5, 6)
 *     reached through the network and the library's resampler
 * @param seamless whether the image is one tile of a repeating texture
 */
record Settings(String model, double factor, String device, Precision precision, boolean seamless) {

    Settings(String model, double factor, String device, Precision precision) {
        this(model, factor, device, precision, false);
    }

    /** The factors the tool bar offers. */
    static final Double[] FACTORS = {1.5, 2.0, 2.5, 3.0, 4.0, 6.0, 8.0};

    /** Whether the factor is one the network has, so that no resampling follows. */
    boolean networkScale() {
        return factor == 2 || factor == 3 || factor == 4;
    }

    /** "x2", "x1.5". */
    String factorText() {
        return "x" + (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor));
    }
}
