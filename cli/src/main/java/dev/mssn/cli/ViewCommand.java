package dev.mssn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The example viewer, as the command list shows it. {@code bin/mssn view} starts the viewer's own
 * jar (examples/viewer) before this command line is reached; here it only explains that.
 */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = "Open the example viewer: an image beside its upscaled version, a reference image when given"
                + " (needs a display; bin/mssn starts it from the viewer's jar).")
final class ViewCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "the image to open")
    Path image;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REFERENCE", description = "a ground-truth image to compare with")
    Path reference;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "the viewer runs from bin/mssn view, which puts the viewer's jar (examples/viewer) on the class path");
    }
}
