package dev.mssn.engine.opencl.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.testutil.CapturedStderr;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which devices a defect applies to, and that the tuning lookup passes over an entry it excludes. */
class DriverDefectsTest {

    private static DeviceInfo device(String platform, String name) {
        return new DeviceInfo(0, platform, name, "Mesa/X.org", "22.3.6", DeviceInfo.Kind.CPU, 1L << 30, 1L << 28, 8, true, null, null,
                null);
    }

    private static final DeviceInfo RUSTICL = device("rusticl", "llvmpipe (LLVM 99.0.0, 128 bits)");
    private static final DeviceInfo POCL = device("Portable Computing Language", "pthread-cpu");

    @Test
    void aDefectAppliesOnlyToItsDriverAndParameters() {
        LaunchParams allChannels = new LaunchParams(16, 8, 0, 1);
        assertTrue(DriverDefects.excluding(RUSTICL, FastKernel.POINTWISE, allChannels).isPresent());
        assertFalse(DriverDefects.excluding(POCL, FastKernel.POINTWISE, allChannels).isPresent(), "PoCL runs it correctly");
        assertFalse(DriverDefects.excluding(RUSTICL, FastKernel.POINTWISE, new LaunchParams(16, 8, 1, 1)).isPresent(),
                "one block per item is unaffected");
        assertFalse(DriverDefects.excluding(RUSTICL, FastKernel.DEPTHWISE, allChannels).isPresent(), "another design is unaffected");
        assertFalse(DriverDefects.excluding(RUSTICL, FastKernel.POINTWISE, null).isPresent(), "no parameters, no defect");
        assertTrue(DriverDefects.of(POCL).isEmpty());
        for (DriverDefects.Defect d : DriverDefects.of(RUSTICL)) {
            assertTrue(d.affected().test(d.example()), d.description());
            assertTrue(d.kernel().accepts(d.example()), "the example is a valid launch of " + d.kernel().key());
        }
    }

    @Test
    void theLookupPassesOverAnEntryTheDriverRunsWrongly() {
        TuningDatabase db = TuningDatabase.load(Path.of("does-not-exist.json"));
        // a llvmpipe build with no entry of its own falls to type:CPU, whose 1x1 design rusticl miscompiles
        assertTrue(DriverDefects.excluding(RUSTICL, db.get("type:CPU")).isPresent());
        CapturedStderr log = new CapturedStderr();
        TuningEntry chosen;
        try (log) {
            chosen = db.lookup(RUSTICL);
        }
        assertEquals("default", chosen.key());
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("WARN") && l.contains("tuning entry type:CPU is not used on ")),
                "the user is told why: " + log.lines());
        assertTrue(DriverDefects.excluding(RUSTICL, chosen).isEmpty());
        assertEquals("type:CPU", db.lookup(POCL).key(), "other drivers keep it");
    }
}
