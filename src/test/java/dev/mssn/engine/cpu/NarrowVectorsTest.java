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
        ChildJvm.Result child = ChildJvm.run(NarrowVectorsMain.class, List.of("-XX:UseAVX=2", "--add-modules", "jdk.incubator.vector"));
        String log = child.log();
        assertEquals(0, child.exit(), log);
        assertTrue(log.contains("vectorised (8 float lanes"), "the child JVM ran 8-lane vectors: " + log);
        assertEquals(5, log.lines().filter(l -> l.contains("equal to scalar")).count(), log);
    }

    @Test
    void oneHundredTwentyEightBitVectorsGiveTheScalarResults() throws Exception {
        // 4 lanes, as NEON on ARM machines and SSE have
        ChildJvm.Result child = ChildJvm.run(NarrowVectorsMain.class, List.of("-XX:MaxVectorSize=16", "--add-modules", "jdk.incubator.vector"));
        String log = child.log();
        assertEquals(0, child.exit(), log);
        assertTrue(log.contains("vectorised (4 float lanes, jdk.incubator.vector)"), "the child JVM ran 4-lane vectors: " + log);
        assertEquals(5, log.lines().filter(l -> l.contains("equal to scalar")).count(), log);
    }

    @Test
    void withoutFusedMultiplyAddTheKernelsMultiplyThenAddAndStayWithinALevel() throws Exception {
        ChildJvm.Result child = ChildJvm.run(NarrowVectorsMain.class, List.of("-Dmssn.cpu.fma=false", "--add-modules", "jdk.incubator.vector"));
        String log = child.log();
        assertEquals(0, child.exit(), log);
        assertTrue(log.contains("float lanes, jdk.incubator.vector, no FMA: multiply then add)"), log);
        assertEquals(5, log.lines().filter(l -> l.contains("equal to scalar")).count(), log);
    }

    @Test
    void aProcessorWithoutAvxIsSeenToLackFmaAndRunsFourLanes() throws Exception {
        // -XX:UseAVX=0 leaves SSE: 4 lanes and no FMA, as on a Celeron or Pentium Silver
        ChildJvm.Result child = ChildJvm.run(NarrowVectorsMain.class, List.of("-XX:UseAVX=0", "--add-modules", "jdk.incubator.vector"));
        String log = child.log();
        assertEquals(0, child.exit(), log);
        assertTrue(log.contains("vectorised (4 float lanes, jdk.incubator.vector, no FMA: multiply then add)"), log);
        assertEquals(5, log.lines().filter(l -> l.contains("equal to scalar")).count(), log);
    }
}
