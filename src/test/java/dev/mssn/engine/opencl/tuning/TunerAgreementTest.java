package dev.mssn.engine.opencl.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.testutil.Half;
import dev.mssn.testutil.Requires;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The tuner's check of a candidate against the exact kernel, as the bench reads the outputs back
 * (floats, or halves with fp16 storage): rounding passes, a wrong value or a NaN does not.
 */
class TunerAgreementTest {

    @Test
    void roundingPassesAndAWrongOrNanOutputIsRejected() {
        try (ClContext ctx = new ClContext(Requires.openCl());
             TuningFixtures bench = new TuningFixtures(ctx, BuildOptions.of(Storage.FP32), 4)) {
            ClBuffer want = bench.upload(new float[] {1f, -2f, 3.5f, 0f, 100f});
            bench.agree(want, bench.upload(new float[] {1f, -2f, 3.5f, 0.05f, 100.01f}), 5, "rounding"); // within 1e-3 of 100
            Tuner.DisagreementException e = assertThrows(Tuner.DisagreementException.class,
                    () -> bench.agree(want, bench.upload(new float[] {1f, -2f, 3.5f, 0.2f, 100f}), 5, "wrong"));
            assertTrue(e.getMessage().startsWith("wrong: differs from the exact kernel by 0.2"), e.getMessage());
            assertThrows(Tuner.DisagreementException.class,
                    () -> bench.agree(want, bench.upload(new float[] {1f, -2f, Float.NaN, 0f, 100f}), 5, "nan"));
        }
    }

    @Test
    void withHalfStorageOutputsAreReadAsHalves() {
        try (ClContext ctx = new ClContext(Requires.openCl());
             TuningFixtures bench = new TuningFixtures(ctx, BuildOptions.of(Storage.FP16), 4)) {
            ClBuffer want = halves(bench, 1f, -2f, 3.5f, 0f, 100f);
            bench.agree(want, halves(bench, 1f, -2f, 3.5f, 0.5f, 100f), 5, "a few halves' steps"); // within 1e-2 of 100
            Tuner.DisagreementException e = assertThrows(Tuner.DisagreementException.class,
                    () -> bench.agree(want, halves(bench, 1f, -2f, 3.5f, 2f, 100f), 5, "wrong"));
            assertTrue(e.getMessage().startsWith("wrong (fp16 storage): differs from the exact kernel by 2.0"), e.getMessage());
            // the inputs it makes are halves too: read back through the same path, they are values in [-1, 1)
            bench.agree(bench.input("x", 64), bench.input("x", 64), 64, "itself");
        }
    }

    @Test
    void halfBitsRoundTripAndMatchTheReferenceEncoder() {
        for (int k = -1024; k < 1024; k++) {
            float v = k / 1024f;
            assertEquals(Half.bits(v), TuningFixtures.halfBits(v), "bits of " + v);
            assertEquals(v, TuningFixtures.halfValue(TuningFixtures.halfBits(v)), "value of " + v);
        }
        assertEquals(100f, TuningFixtures.halfValue(Half.bits(100f)));
    }

    private static ClBuffer halves(TuningFixtures bench, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * values.length).order(ByteOrder.nativeOrder());
        for (float v : values) {
            bytes.putShort(Half.bits(v));
        }
        ClBuffer b = bench.empty(values.length);
        b.write(bytes.array());
        return b;
    }
}
