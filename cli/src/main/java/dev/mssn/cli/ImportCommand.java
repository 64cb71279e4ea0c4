package dev.mssn.cli;

import dev.mssn.model.Weights;
import dev.mssn.model.importer.TorchCheckpointImporter;
import dev.mssn.model.io.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Converts one of the authors' released checkpoints into the project's weights format. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert an authors' MSSN checkpoint (.pt, legacy torch format) to .safetensors.")
final class ImportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.pt")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Option(names = {"-f", "--force"}, description = "overwrite OUT if it exists")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(out + " exists; pass --force to overwrite it");
        }
        Weights w = TorchCheckpointImporter.read(in);
        WeightsFile.write(out, w, Map.of("source", "imported from " + in.getFileName()));
        spec.commandLine().getOut().println(out + ": " + w.spec() + ", " + w.parameterCount() + " parameters, lambda_res index "
                + w.spec().lambdaResIndex());
        return 0;
    }
}
