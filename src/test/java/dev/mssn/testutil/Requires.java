package dev.mssn.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.tuning.DriverDefects;
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

    /**
     * Skips, naming the defect, when {@code device}'s driver is known to run {@code kernel} with
     * {@code params} wrongly ({@link DriverDefects}): the case still runs on every other
     * implementation, and the defect's own test checks that it still reproduces where it applies.
     */
    public static void noDriverDefect(DeviceInfo device, FastKernel kernel, LaunchParams params) {
        DriverDefects.excluding(device, kernel, params).ifPresent(d -> assumeTrue(false,
                kernel.key() + " " + params + " not run on " + device.describe() + ": known driver defect: " + d.description()));
    }

    /** A path under ../shared (or -Dmssn.shared), skipping when it is absent. */
    public static Path shared(String relative) {
        Path root = Path.of(System.getProperty("mssn.shared", "../shared"));
        Path p = root.resolve(relative);
        assumeTrue(Files.exists(p), "reference data " + p.toAbsolutePath().normalize() + " is absent; skipping");
        return p;
    }
}
