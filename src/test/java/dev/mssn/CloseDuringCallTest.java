package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.ChildJvm;
import dev.mssn.testutil.Requires;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * close() in the middle of a call, on each path: from the progress listener it stops the call
 * at the next tile and frees the device only once the call has ended (on OpenCL it once freed
 * buffers under running kernels and killed the JVM; on the CPU path it shut the thread pool
 * under the call); from another thread it waits for the call, whose result is whole. Later
 * calls fail with a clear exception.
 */
class CloseDuringCallTest {

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "opencl"})
    void closingDuringACallNeverPullsTheDeviceFromUnderIt(String device, @TempDir Path dir) throws Exception {
        if (device.equals("opencl")) {
            Requires.openCl();
        }
        ChildJvm.Result r = ChildJvm.run(CloseDuringCallMain.class, List.of("--add-modules", "jdk.incubator.vector"),
                device, dir.toString());
        assertEquals(0, r.exit(), r.log());
        List<String> expected = List.of(
                "listener: this GpuSuperResolver was closed during the call",
                "listener buffers after: 0",
                "listener then: this GpuSuperResolver is closed",
                "file: this GpuSuperResolver was closed during the call",
                "file left: [in.png]",
                "other thread: close returned after every tile",
                "other thread: the call's result is whole",
                "other thread buffers after: 0");
        for (String line : expected) {
            assertTrue(r.log().lines().anyMatch(line::equals), "missing \"" + line + "\" in:\n" + r.log());
        }
    }
}
