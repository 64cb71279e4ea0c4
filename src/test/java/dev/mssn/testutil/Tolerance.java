package dev.mssn.testutil;

import static org.junit.jupiter.api.Assertions.fail;

/** Every numeric margin the tests use, in one place. */
public final class Tolerance {

    /** Kernels against the Java reference in float32: relative 1e-5 plus a small absolute floor near zero. */
    public static final double FP32_RELATIVE = 1e-5;
    public static final double FP32_ABSOLUTE = 1e-6;
    /** Whole networks, 8-bit output: levels apart on any pixel. */
    public static final int U8_LEVELS = 1;
    /**
     * Whole networks, 16-bit output: levels apart on any pixel. One 16-bit level is 1/257 of an
     * 8-bit one, so float rounding differences that stay inside one 8-bit level show as a few
     * 16-bit levels.
     */
    public static final int U16_LEVELS = 16;
    /** Scores against the published tables, dB. */
    public static final double PSNR_DB = 0.02;

    private Tolerance() {}

    /** Fails with the first mismatch's index, expected and actual values (ncnn style). */
    public static void assertFp32(float[] expected, float[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Math.abs(e - a) > FP32_ABSOLUTE + FP32_RELATIVE * Math.abs(e) || Double.isNaN(a)) {
                fail(what + ": first mismatch at index " + i + ": expected " + e + ", actual " + a);
            }
        }
    }

    /**
     * Float sums against exact (double) ones: the margin scales with the sum of the terms'
     * absolute values, since rounding error grows with what was added, not with the result.
     */
    public static void assertFp32Sums(float[] expected, float[] magnitudes, float[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Math.abs(e - a) > FP32_ABSOLUTE + FP32_RELATIVE * Math.max(Math.abs(e), magnitudes[i]) || Double.isNaN(a)) {
                fail(what + ": first mismatch at index " + i + ": expected " + e + ", actual " + a + " (terms' magnitude " + magnitudes[i] + ")");
            }
        }
    }

    public static void assertU8(byte[] expected, byte[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs((expected[i] & 0xff) - (actual[i] & 0xff));
            if (d > U8_LEVELS) {
                fail(what + ": byte " + i + " differs by " + d + " levels (expected " + (expected[i] & 0xff) + ", actual " + (actual[i] & 0xff) + ")");
            }
        }
    }

    /** Images of either sample depth: {@link #U8_LEVELS} apart at 8 bits, {@link #U16_LEVELS} at 16. */
    public static void assertSamples(dev.mssn.engine.RgbImage expected, dev.mssn.engine.RgbImage actual, String what) {
        if (expected.depth() != actual.depth() || expected.width() != actual.width() || expected.height() != actual.height()) {
            fail(what + ": " + actual.width() + "x" + actual.height() + " " + actual.depth() + ", expected "
                    + expected.width() + "x" + expected.height() + " " + expected.depth());
        }
        int levels = expected.depth() == dev.mssn.engine.SampleDepth.BITS_8 ? U8_LEVELS : U16_LEVELS;
        int samples = expected.width() * expected.height() * 3;
        for (int i = 0; i < samples; i++) {
            int e = expected.depth().get(expected.rgb(), i);
            int a = actual.depth().get(actual.rgb(), i);
            if (Math.abs(e - a) > levels) {
                fail(what + ": sample " + i + " differs by " + Math.abs(e - a) + " levels (expected " + e + ", actual " + a + ")");
            }
        }
    }
}
