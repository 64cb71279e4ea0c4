package dev.mssn.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test helper's half precision against values from IEEE 754's binary16 tables. */
class HalfTest {

    @Test
    void knownBitPatterns() {
        assertEquals(0x3c00, Half.bits(1f) & 0xffff);
        assertEquals(0xc000, Half.bits(-2f) & 0xffff);
        assertEquals(0x7bff, Half.bits(65504f) & 0xffff);
        assertEquals(0x0001, Half.bits(0x1p-24f) & 0xffff);
        assertEquals(0x0400, Half.bits(0x1p-14f) & 0xffff);
        assertEquals(0.333251953125f, Half.value((short) 0x3555));
        assertEquals(-0x1p-24f, Half.value((short) 0x8001));
    }

    @Test
    void roundsToNearestEven() {
        assertEquals(0.333251953125f, Half.round(1f / 3));
        assertEquals(1f, Half.round(1f + 0x1p-11f), "a tie goes to the even mantissa");
        assertEquals(1f + 0x1p-9f, Half.round(1f + 0x1p-10f + 0x1p-11f), "a tie goes to the even mantissa");
        assertEquals(0x1p-24f, Half.round(0x1.8p-25f));
        for (float v : new float[] {1f / 3, -2.71828f, 1e-5f, 3.9999f, 0.0999f}) {
            float h = Half.round(v);
            assertEquals(h, Half.value(Half.bits(h)), "bits of " + h);
        }
    }
}
