package dev.mssn.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CPU kernels as other processors run them, each in a child JVM: 256-bit vectors (AVX2
 * machines, other register blocks than the AVX-512 ones the other tests run), 128-bit vectors
 * (NEON, SSE), and no fused
 * multiply-add (cheap x86 chips, processors before 2013), both forced on the unfused kernels
 * and as HotSpot sees a processor without AVX.
 */
class NarrowVectorsTest {

    @Test
    void twoHundredFiftySixBitVectorsGiveTheScalarResults() throws Exception {
        runsEqualToScalar("-XX:UseAVX=2", "vectorised (8 float lanes, jdk.incubator.vector)");
    }

    @Test
    void oneHundredTwentyEightBitVectorsGiveTheScalarResults() throws Exception {
        // 4 lanes, as NEON on ARM machines and SSE have
        runsEqualToScalar("-XX:MaxVectorSize=16", "vectorised (4 float lanes, jdk.incubator.vector)");
    }

    @Test
    void withoutFusedMultiplyAddTheKernelsMultiplyThenAddAndStayWithinALevel() throws Exception {
        runsEqualToScalar("-Dmssn.cpu.fma=false", "float lanes, jdk.incubator.vector, no FMA: multiply then add)");
    }

    @Test
    void aProcessorWithoutAvxIsSeenToLackFmaAndRunsFourLanes() throws Exception {
        // -XX:UseAVX=0 leaves SSE: 4 lanes and no FMA, as on a Celeron or Pentium Silver
        runsEqualToScalar("-XX:UseAVX=0", "vectorised (4 float lanes, jdk.incubator.vector, no FMA: multiply then add)");
    }

    /**
     * Runs {@link NarrowVectorsMain} in a child JVM with {@code option}: it must describe its
     * kernels with {@code kernels} and report all five models equal to the scalar kernels.
     */
    private static void runsEqualToScalar(String option, String kernels) throws Exception {
        ChildJvm.Result child = ChildJvm.run(NarrowVectorsMain.class, List.of(option, "--add-modules", "jdk.incubator.vector"));
        String log = child.log();
        assertEquals(0, child.exit(), log);
        assertTrue(log.contains(kernels), "the child JVM's kernels: " + log);
        assertEquals(5, log.lines().filter(l -> l.contains("equal to scalar")).count(), log);
    }
}
