package dev.mssn.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gates for tests that need an OpenCL device or the shared reference data. Without them a test
 * skips with a message; with {@code -Dmssn.requireOpenCl=true} (CI) a missing device fails.
 */
public final class Requires {

    private Requires() {}

    public static DeviceInfo openCl() {
        ClDevices.Enumeration e = ClDevices.enumerate();
        if (e.devices().isEmpty()) {
            String why = "no OpenCL device: " + e.problem();
            if (Boolean.getBoolean("mssn.requireOpenCl")) {
                fail(why + " (mssn.requireOpenCl=true: install an OpenCL runtime such as pocl-opencl-icd)");
            }
            assumeTrue(false, why + "; skipping");
        }
        return ClDevices.best(e.devices());
    }

    /** A path under ../shared (or -Dmssn.shared), skipping when it is absent. */
    public static Path shared(String relative) {
        Path root = Path.of(System.getProperty("mssn.shared", "../shared"));
        Path p = root.resolve(relative);
        assumeTrue(Files.exists(p), "reference data " + p.toAbsolutePath().normalize() + " is absent; skipping");
        return p;
    }
}
