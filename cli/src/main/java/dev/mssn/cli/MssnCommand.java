package dev.mssn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/mssn}: a thin shell over the library; results on stdout, diagnostics on stderr. */
@Command(name = "mssn", mixinStandardHelpOptions = true, versionProvider = MssnCommand.Version.class,
        description = "Super-resolution with MSSN on OpenCL devices or the plain-Java path.",
        subcommands = {UpscaleCommand.class, EvalCommand.class, ImportCommand.class, DevicesCommand.class, BenchCommand.class,
                ProfileCommand.class, TuneCommand.class, ViewCommand.class, CommandLine.HelpCommand.class})
public final class MssnCommand implements Runnable {

    /** The version the build wrote into the library. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mssn " + dev.mssn.GpuSuperResolver.version()};
        }
    }

    /** Exit code for bad usage or bad input; internal failures exit with 1. */
    static final int BAD_INPUT = 2;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** No command given: a usage error (exit 2), with the list of commands. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MssnCommand());
        cl.setExecutionExceptionHandler(new Errors());
        return cl;
    }

    /** Maps exceptions to exit codes: bad input (files, arguments, formats) 2, anything else 1. */
    static final class Errors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception thrown, CommandLine cl, CommandLine.ParseResult parsed) {
            Exception e = thrown instanceof java.io.UncheckedIOException u ? u.getCause() : thrown;
            // a device call that failed is worth its stack trace; a refusal of what was asked is not
            boolean deviceCallFailed = e instanceof dev.mssn.DeviceException d && d.status().isPresent();
            boolean badInput = e instanceof IllegalArgumentException || e instanceof java.io.IOException
                    || e instanceof dev.mssn.model.ModelFormatException
                    || (e instanceof dev.mssn.SuperResolutionException && !deviceCallFailed);
            if (e instanceof java.util.concurrent.CancellationException) {
                cl.getErr().println("mssn: stopped; the unfinished output was not written");
                return 1;
            }
            cl.getErr().println("mssn: " + e.getMessage());
            if (!badInput) {
                e.printStackTrace(cl.getErr());
            }
            return badInput ? BAD_INPUT : 1;
        }
    }
}
