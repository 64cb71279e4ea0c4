package dev.mssn.engine.opencl.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every declared design, through its own description: its search space is valid and builds
 * distinct programs, and candidates from the start, middle and end of it, and the parameters every
 * shipped tuning entry selects, agree with the exact twin at both models' shapes, with fp32 and
 * fp16 storage, as the tuner checks them (less what the device's driver is known to run wrongly,
 * whose defects are checked to still reproduce). A new design is covered by being declared.
 * (.ci/oclgrind.sh runs this under Oclgrind, .ci/rusticl.sh on Mesa's rusticl.)
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

    static Stream<Arguments> designsAndStorage() {
        return Stream.of(FastKernel.values()).flatMap(k -> Stream.of(Storage.values()).map(s -> Arguments.of(k, s)));
    }

    @ParameterizedTest(name = "{0}, {1} storage")
    @MethodSource("designsAndStorage")
    void candidatesFromItsSearchSpaceAgreeWithTheExactTwin(FastKernel kernel, Storage storage) {
        DeviceInfo device = Requires.openCl();
        long maxGroup = ClDevices.maxWorkGroupSize(device);
        long localMem = ClDevices.localMemBytes(device);
        try (ClContext ctx = new ClContext(device);
             TuningFixtures bench = new TuningFixtures(ctx, BuildOptions.of(storage).plus("-DOUT_PER_ITEM=4"), Tuner.CHECK_SIDE)) {
            // what the tuner tries here: the search space less what the driver is known to run wrongly
            List<LaunchParams> candidates = kernel.candidates(maxGroup, localMem).stream()
                    .filter(p -> DriverDefects.excluding(device, kernel, p).isEmpty()).toList();
            // the start, middle and end of the search space, and what every shipped entry usable here selects
            Set<LaunchParams> tried = new LinkedHashSet<>(List.of(candidates.get(0), candidates.get(candidates.size() / 2),
                    candidates.get(candidates.size() - 1)));
            TuningDatabase.bundled().stream().filter(e -> DriverDefects.excluding(device, e).isEmpty()).map(e -> e.params(kernel))
                    .filter(p -> p != null && p.localX() <= maxGroup && kernel.localMemoryBytes(p) <= localMem).forEach(tried::add);
            LaunchParams selected = TuningDatabase.load().lookup(device).params(kernel);
            if (selected != null && selected.localX() <= maxGroup) {
                tried.add(selected);
            }
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

    /**
     * Each defect declared for this device's driver still gives wrong output with its example:
     * when a driver release fixes one, this fails and the defect (and the parameters it keeps
     * from the tuner) can go.
     */
    @Test
    void knownDriverDefectsStillReproduce() {
        DeviceInfo device = Requires.openCl();
        List<DriverDefects.Defect> defects = DriverDefects.of(device);
        assumeFalse(defects.isEmpty(), "no known driver defect applies to " + device.describe());
        try (ClContext ctx = new ClContext(device);
             TuningFixtures bench = new TuningFixtures(ctx, BuildOptions.of(Storage.FP32).plus("-DOUT_PER_ITEM=4"), Tuner.CHECK_SIDE)) {
            for (DriverDefects.Defect d : defects) {
                assertTrue(d.affected().test(d.example()), "the example is one the defect names");
                try (FastKernel.Trial trial = d.kernel().trial(bench, d.example(), Variant.MSSN_M)) {
                    trial.launch();
                    assertThrows(Tuner.DisagreementException.class, trial::check,
                            d.kernel().key() + " " + d.example() + " now runs correctly on " + device.describe() + ": " + d.description());
                } finally {
                    bench.releaseCandidate();
                }
            }
        }
    }
}
