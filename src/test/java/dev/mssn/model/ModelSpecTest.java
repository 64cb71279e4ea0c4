package dev.mssn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecTest {

    /**
     * docs/mssn.md lists Mult-Adds for a 1280x720 output, whose LR input is 1280/s x 720/s
     * rounded down (426x240 at x3); the per-pixel count must reproduce them.
     */
    @ParameterizedTest(name = "{0} x{1}: {2} G")
    @CsvSource({"MSSN_S,2,18.4", "MSSN_S,3,8.7", "MSSN_M,2,66.8", "MSSN_M,3,30.7", "MSSN_M,4,18.1", "MSSN,2,196.1",
            "MSSN,3,88.0", "MSSN,4,50.4"})
    void multiplyAddsMatchTheTable(Variant variant, int scale, double giga) {
        ModelSpec spec = ModelSpec.of(variant, scale);
        double lrPixels = (double) (1280 / scale) * (720 / scale);
        assertEquals(giga, spec.multiplyAddsPerLrPixel() * lrPixels / 1e9, 0.05, spec.toString());
    }
}
