package dev.mssn.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a main class of the test class path in a JVM of its own (a capped heap, other vector flags). */
public final class ChildJvm {

    /** How the child ended: its exit code and everything it printed. */
    public record Result(int exit, String log) {}

    private ChildJvm() {}

    public static Result run(Class<?> main, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log;
        try (InputStream out = p.getInputStream()) {
            log = new String(out.readAllBytes());
        }
        return new Result(p.waitFor(), log);
    }
}
