package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.ChildJvm;
import dev.mssn.testutil.Requires;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which binding {@code auto} uses follows the class path: an application built on LWJGL needs no JOCL. */
class BindingOnClassPathTest {

    private static final List<String> JVM = List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private static boolean isJocl(String entry) {
        return entry.contains("jocl");
    }

    private static boolean isLwjgl(String entry) {
        return entry.contains("lwjgl");
    }

    @Test
    void withOnlyLwjglOnTheClassPathOpenClRunsThroughIt() throws Exception {
        Requires.openCl();
        ChildJvm.Result r = ChildJvm.run(BindingOnClassPathMain.class, JVM, e -> !isJocl(e), "opencl");
        assertEquals(0, r.exit(), r.log());
        assertTrue(r.log().contains("binding=lwjgl"), r.log());
        assertTrue(r.log().contains("device=opencl:") && r.log().contains("size=384x256"), r.log());
    }

    @Test
    void withNoBindingAutoRunsOnTheCpuPathAndOpenClIsRefusedWithTheReason() throws Exception {
        ChildJvm.Result auto = ChildJvm.run(BindingOnClassPathMain.class, JVM, e -> !isJocl(e) && !isLwjgl(e), "auto");
        assertEquals(0, auto.exit(), auto.log());
        assertTrue(auto.log().contains("binding=none (no OpenCL binding on the class path"), auto.log());
        assertTrue(auto.log().contains("size=384x256") && !auto.log().contains("device=opencl"), auto.log());

        ChildJvm.Result opencl = ChildJvm.run(BindingOnClassPathMain.class, JVM, e -> !isJocl(e) && !isLwjgl(e), "opencl");
        assertTrue(opencl.log().contains("refused: device 'opencl': no OpenCL device available (no OpenCL binding"), opencl.log());
    }
}
