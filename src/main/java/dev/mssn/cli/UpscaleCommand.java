package dev.mssn.cli;

import dev.mssn.GpuSuperResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Upscales one image file. */
@Command(name = "upscale", mixinStandardHelpOptions = true, description = "Upscale an image file with MSSN.")
final class UpscaleCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--scale"}, defaultValue = "2", description = "2, 3 or 4 (default: ${DEFAULT-VALUE})")
    int scale;

    @Mixin
    ModelOptions options;

    @Option(names = {"-t", "--tile"}, defaultValue = "0", description = "LR tile side in pixels, 0 = auto (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = {"-f", "--force"}, description = "overwrite OUT if it exists")
    boolean force;

    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(in)) {
            throw new java.io.IOException(in + ": no such file");
        }
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(out + " exists; pass --force to overwrite it");
        }
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optScale(scale).optModel(options.model).optDevice(options.device).optTileSize(tile).build()) {
            spec.commandLine().getErr().println("upscaling x" + scale + " with " + options.model + " on " + sr.device());
            sr.upscale(in, out, force);
        }
        spec.commandLine().getOut().println(out);
        return 0;
    }
}
