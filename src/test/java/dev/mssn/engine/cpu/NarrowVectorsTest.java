package dev.mssn.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vectorised kernels on 256-bit vectors (AVX2 machines), which take other register
 * blocks than the AVX-512 ones the other tests run: a child JVM with {@code -XX:UseAVX=2}.
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
}
