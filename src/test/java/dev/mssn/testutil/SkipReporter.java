package dev.mssn.testutil;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * One console line for every test that did not run, with its reason (a missing ../shared, no
 * OpenCL device, a known driver defect, no display): Maven's summary only counts skips, and the
 * reasons would otherwise be in the XML reports alone. Registered for every module whose tests
 * use these utilities (META-INF/services).
 */
public final class SkipReporter implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        report(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) { // a failed assumption
            report(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private static void report(TestIdentifier test, String reason) {
        String where = test.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getClassName())
                .map(c -> c.substring(c.lastIndexOf('.') + 1) + " ").orElse("");
        String why = reason == null ? "" : reason.replaceFirst("^Assumption failed: ", "");
        System.out.println("SKIPPED " + where + test.getDisplayName() + ": " + why);
    }
}
