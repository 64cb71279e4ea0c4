package dev.mssn.engine.opencl.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.model.Variant;
import dev.mssn.testutil.Requires;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every declared design, through its own description: its search space is valid and builds
 * distinct programs, and candidates from the start, middle and end of it, and the parameters every
 * shipped tuning entry selects, agree with the exact twin at both models' shapes, as the tuner
 * checks them. A new design is covered by being declared. (.ci/oclgrind.sh runs this under Oclgrind.)
 */
class FastKernelDesignsTest {

    @ParameterizedTest
    @EnumSource(FastKernel.class)
    void itsSearchSpaceIsValidAndEachCandidateBuildsItsOwnProgram(FastKernel kernel) {
        List<LaunchParams> candidates = kernel.candidates(256, 32 << 10);
        assertFalse(candidates.isEmpty(), kernel + " has no candidates");
        Set<String> defines = new HashSet<>();
        for (LaunchParams p : candidates) {
            assertTrue(kernel.accepts(p), kernel + " searches " + p + ", which it refuses");
            assertTrue(p.localX() <= 256);
            assertTrue(kernel.localMemoryBytes(p) <= 32 << 10, p + " needs more local memory than 32 KiB");
            defines.add(kernel.defines(p) + " local " + p.localX() + " blocks " + p.blocks());
        }
        assertEquals(candidates.size(), defines.size(), kernel + ": two candidates launch the same way");
        assertEquals(kernel, FastKernel.byKey(kernel.key()));
        assertTrue(kernel.candidates(1, 32 << 10).stream().allMatch(p -> p.localX() == 1), "the work-group limit is obeyed");
    }

    @ParameterizedTest
    @EnumSource(FastKernel.class)
    void candidatesFromItsSearchSpaceAgreeWithTheExactTwin(FastKernel kernel) {
        DeviceInfo device = Requires.openCl();
        long maxGroup = ClDevices.maxWorkGroupSize(device);
        long localMem = ClDevices.localMemBytes(device);
        try (ClContext ctx = new ClContext(device);
             TuningFixtures bench = new TuningFixtures(ctx, BuildOptions.of(Storage.FP32).plus("-DOUT_PER_ITEM=4"), 11)) {
            List<LaunchParams> candidates = kernel.candidates(maxGroup, localMem);
            // the start, middle and end of the search space, and what every shipped entry selects
            Set<LaunchParams> tried = new LinkedHashSet<>(List.of(candidates.get(0), candidates.get(candidates.size() / 2),
                    candidates.get(candidates.size() - 1)));
            TuningDatabase.bundled().stream().map(e -> e.params(kernel))
                    .filter(p -> p != null && p.localX() <= maxGroup && kernel.localMemoryBytes(p) <= localMem).forEach(tried::add);
            for (LaunchParams p : tried) {
                for (Variant v : FastKernel.SHAPES_OF) {
                    try (FastKernel.Trial trial = kernel.trial(bench, p, v)) {
                        trial.launch();
                        trial.check();
                    } finally {
                        bench.releaseCandidate();
                    }
                }
            }
            if (kernel.optional()) {
                LaunchParams pointwise = FastKernel.POINTWISE.candidates(maxGroup, localMem).get(0);
                LaunchParams depthwise = FastKernel.DEPTHWISE.candidates(maxGroup, localMem).get(0);
                try (FastKernel.Trial replaced = kernel.replacedTrial(bench, pointwise, depthwise, Variant.MSSN_S)) {
                    replaced.launch();
                } finally {
                    bench.releaseCandidate();
                }
            } else {
                assertThrows(UnsupportedOperationException.class, () -> kernel.replacedTrial(bench, null, null, Variant.MSSN_S));
            }
        }
    }
}
