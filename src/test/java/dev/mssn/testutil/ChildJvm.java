package dev.mssn.testutil;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Runs a main class of the test class path in a JVM of its own (a capped heap, other vector flags). */
public final class ChildJvm {

    /** How the child ended: its exit code and everything it printed. */
    public record Result(int exit, String log) {}

    private ChildJvm() {}

    public static Result run(Class<?> main, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return run(main, jvmOptions, entry -> true, args);
    }

    /** As {@link #run(Class, List, String...)}, with only the class path entries {@code keep} accepts. */
    public static Result run(Class<?> main, List<String> jvmOptions, Predicate<String> keep, String... args)
            throws IOException, InterruptedException {
        return run(main, jvmOptions, keep, java.util.Map.of(), args);
    }

    /** As {@link #run(Class, List, Predicate, String...)}, with {@code environment} added to the child's. */
    public static Result run(Class<?> main, List<String> jvmOptions, Predicate<String> keep, java.util.Map<String, String> environment,
                             String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(main, jvmOptions, keep, args)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        String log;
        try (InputStream out = p.getInputStream()) {
            log = new String(out.readAllBytes());
        }
        return new Result(p.waitFor(), log);
    }

    /** Starts {@code main} with the whole test class path and returns at once: for a child that must be alive while the test acts. */
    public static Process start(Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(command(main, List.of(), entry -> true, args)).redirectErrorStream(true).start();
    }

    private static List<String> command(Class<?> main, List<String> jvmOptions, Predicate<String> keep, String... args) {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(keep).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a child that crashes writes its report to the temporary folder, not into the checkout
        command.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "mssn-child-hs_err_%p.log"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
