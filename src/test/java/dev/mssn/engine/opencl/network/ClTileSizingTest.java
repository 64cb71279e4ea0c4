package dev.mssn.engine.opencl.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.Storage;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.Variant;
import org.junit.jupiter.api.Test;

/** The automatic tile side follows the device's memory: as large as fits (16-bit samples counted), never more. */
class ClTileSizingTest {

    private static final long MB = 1 << 20;

    private static long total(ModelSpec spec, int side) {
        int n = side + 2 * spec.receptiveRadius();
        return ActivationFootprint.of(spec, Storage.FP32, SampleDepth.BITS_16, n, n).totalWithTwoSlots();
    }

    private static long largest(ModelSpec spec, int side) {
        int n = side + 2 * spec.receptiveRadius();
        return ActivationFootprint.of(spec, Storage.FP32, SampleDepth.BITS_16, n, n).largest();
    }

    @Test
    void takesTheLargestSideWithinAQuarterOfTheMemoryAndTheAllocationLimit() {
        for (ModelSpec spec : new ModelSpec[] {ModelSpec.of(Variant.MSSN_M, 2), ModelSpec.of(Variant.MSSN, 4), ModelSpec.of(Variant.MSSN_S, 3)}) {
            assertEquals(ClTileSizing.MAX_SIDE, ClTileSizing.choose(spec, Storage.FP32, 80L * 1024 * MB, 20L * 1024 * MB), spec + " on a big GPU");
            for (long mem : new long[] {256 * MB, 1024 * MB, 2048 * MB}) {
                long maxAlloc = mem / 4;
                int side = ClTileSizing.choose(spec, Storage.FP32, mem, maxAlloc);
                assertTrue(total(spec, side) <= mem / 4 && largest(spec, side) <= maxAlloc, spec + " side " + side + " fits " + mem);
                if (side < ClTileSizing.MAX_SIDE) {
                    int next = side + 32;
                    assertTrue(total(spec, next) > mem / 4 || largest(spec, next) > maxAlloc, spec + " side " + next + " would also fit");
                }
            }
            assertEquals(ClTileSizing.MIN_SIDE, ClTileSizing.choose(spec, Storage.FP32, 8 * MB, 2 * MB), "a tiny device gets the smallest side");
        }
    }

    @Test
    void halfStorageAllowsLargerTiles() {
        ModelSpec spec = ModelSpec.of(Variant.MSSN_M, 2);
        long mem = 512 * MB;
        assertTrue(ClTileSizing.choose(spec, Storage.FP16, mem, mem) > ClTileSizing.choose(spec, Storage.FP32, mem, mem));
    }

    @Test
    void theAllocationLimitAloneCanBind() {
        ModelSpec spec = ModelSpec.of(Variant.MSSN_M, 2);
        int roomy = ClTileSizing.choose(spec, Storage.FP32, 64L * 1024 * MB, 64L * 1024 * MB);
        int limited = ClTileSizing.choose(spec, Storage.FP32, 64L * 1024 * MB, 32 * MB);
        assertTrue(limited < roomy, limited + " < " + roomy);
        assertTrue(largest(spec, limited) <= 32 * MB);
    }

    @Test
    void theFootprintCountsEveryBufferOnceAndTheSlotsTwice() {
        ModelSpec spec = ModelSpec.of(Variant.MSSN_M, 2); // C 64, H 128, 3 * 2 * 2 = 12 shuffle channels
        ActivationFootprint fp32 = ActivationFootprint.of(spec, Storage.FP32, SampleDepth.BITS_8, 10, 5);
        assertEquals(150, fp32.rgbIn());
        assertEquals(50 * 64 * 4, fp32.x0());
        assertEquals(50 * 128 * 4, fp32.t1());
        assertEquals(50 * 12 * 4, fp32.skip());
        assertEquals(600, fp32.rgbOut());
        long floats = 50L * (3 + 12 + 3 * 64 + 2 * 128 + 12) * 4;
        assertEquals(floats + 2 * (150 + 600), fp32.totalWithTwoSlots());
        assertEquals(50 * 128 * 4, fp32.largest());
        ActivationFootprint fp16 = ActivationFootprint.of(spec, Storage.FP16, SampleDepth.BITS_16, 10, 5);
        assertEquals(fp32.t2() / 2, fp16.t2());
        assertEquals(2 * fp32.rgbIn(), fp16.rgbIn());
    }
}
