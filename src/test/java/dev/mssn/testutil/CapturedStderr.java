package dev.mssn.testutil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps what a test's code writes to standard error (the library's SLF4J warnings, which the
 * tests' slf4j-simple binding prints there) out of the test log, for tests that provoke expected
 * warnings by the thousand. Closing restores the stream; {@link #lines} is what was captured,
 * and {@link #summary} a one-line account for the log.
 */
public final class CapturedStderr implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public CapturedStderr() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    public List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** "N lines captured (WARN: W), the first: ..." */
    public String summary() {
        List<String> lines = lines();
        long warnings = lines.stream().filter(l -> l.contains(" WARN ")).count();
        String first = lines.isEmpty() ? "" : lines.get(0);
        return lines.size() + " lines captured (" + warnings + " warnings)"
                + (first.isEmpty() ? "" : ", the first: " + (first.length() > 160 ? first.substring(0, 160) + "..." : first));
    }

    /** Fails unless a captured warning contains {@code fragment}: the expected warning was said. */
    public void assertWarned(String fragment) {
        if (lines().stream().noneMatch(l -> l.contains(" WARN ") && l.contains(fragment))) {
            throw new AssertionError("no warning containing \"" + fragment + "\"; captured: " + lines());
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
