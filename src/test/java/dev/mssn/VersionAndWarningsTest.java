package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The version comes from the build; the PoCL warning names this JVM's own libjsig. */
class VersionAndWarningsTest {

    @Test
    void theVersionIsTheBuildsNotAPlaceholder() {
        String v = GpuSuperResolver.version();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), v);
    }

    @Test
    void theLibjsigWarningNamesTheRealPath() {
        String warning = dev.mssn.engine.opencl.network.ClBackendProvider.signalWarning();
        assertTrue(warning.contains("LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")), warning);
        assertTrue(!warning.contains("$JAVA_HOME"), warning);
    }
}
