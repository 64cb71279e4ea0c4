package dev.mssn.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vectorised kernels on 256-bit vectors (AVX2 machines), which take other register
 * blocks than the AVX-512 ones the other tests run: a child JVM with {@code -XX:UseAVX=2}.
 */
class NarrowVectorsTest {

    @Test
    void twoHundredFiftySixBitVectorsGiveTheScalarResults() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-XX:UseAVX=2", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), NarrowVectorsMain.class.getName())).redirectErrorStream(true).start();
        String log;
        try (InputStream o = p.getInputStream()) {
            log = new String(o.readAllBytes());
        }
        assertEquals(0, p.waitFor(), log);
        assertTrue(log.contains("vectorised (8 float lanes"), "the child JVM ran 8-lane vectors: " + log);
        assertEquals(5, log.lines().filter(l -> l.contains("equal to scalar")).count(), log);
    }
}
