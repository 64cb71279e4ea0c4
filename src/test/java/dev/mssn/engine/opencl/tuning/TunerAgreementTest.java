package dev.mssn.engine.opencl.tuning;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.testutil.Requires;
import org.junit.jupiter.api.Test;

/** The tuner's check of a candidate against the exact kernel: rounding passes, a wrong value or a NaN does not. */
class TunerAgreementTest {

    @Test
    void roundingPassesAndAWrongOrNanOutputIsRejected() {
        float[] exact = {1f, -2f, 3.5f, 0f, 100f};
        try (ClContext ctx = new ClContext(Requires.openCl());
             ClBuffer want = ctx.allocate(20, "want");
             ClBuffer got = ctx.allocate(20, "got")) {
            want.write(exact);
            got.write(new float[] {1f, -2f, 3.5f, 0.05f, 100.01f}); // within 1e-3 of the largest output
            Tuner.agree(want, got, 5, "rounding");
            got.write(new float[] {1f, -2f, 3.5f, 0.2f, 100f});
            Tuner.DisagreementException e = assertThrows(Tuner.DisagreementException.class, () -> Tuner.agree(want, got, 5, "wrong"));
            assertTrue(e.getMessage().startsWith("wrong: differs from the exact kernel by 0.2"), e.getMessage());
            got.write(new float[] {1f, -2f, Float.NaN, 0f, 100f});
            assertThrows(Tuner.DisagreementException.class, () -> Tuner.agree(want, got, 5, "nan"));
        }
    }
}
