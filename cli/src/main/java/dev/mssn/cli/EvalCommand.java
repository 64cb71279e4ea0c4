package dev.mssn.cli;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Backends;
import dev.mssn.engine.Network;
import dev.mssn.engine.Storage;
import dev.mssn.eval.EvalImage;
import dev.mssn.eval.EvalSet;
import dev.mssn.eval.Protocol;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.io.Models;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores a model on a folder of HR images with the published protocol (docs/mssn.md). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a model (or bicubic) on HR images: PSNR/SSIM on Y, as the published tables.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--scale"}, required = true, description = "2, 3 or 4")
    int scale;

    @Mixin
    ModelOptions options;

    @Option(names = "--data", required = true, description = "folder of HR images (directly or in HR/)")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (scale < 2 || scale > 4) {
            throw new IllegalArgumentException("--scale must be 2, 3 or 4, got " + scale);
        }
        boolean bicubic = options.model.equalsIgnoreCase("bicubic");
        if (bicubic && options.tta) {
            throw new IllegalArgumentException("--tta averages a model's passes; bicubic has none");
        }
        MssnParameters params = bicubic ? null : MssnParameters.of(Models.load(options.model, scale)); // model errors before data errors
        List<EvalImage> images = EvalSet.load(data);
        var out = spec.commandLine().getOut();
        Protocol.Summary summary;
        if (bicubic) {
            summary = Protocol.evaluate(null, images, scale, sc -> print(out, sc));
        } else {
            try (Backend backend = Backends.open(options.device); Network net = backend.load(params, Storage.parse(options.precision))) {
                spec.commandLine().getErr().println("model " + params.spec() + " on " + backend.describe()
                        + (options.tta ? ", self-ensemble of " + dev.mssn.engine.SelfEnsemble.PASSES : ""));
                summary = Protocol.evaluate(options.maybeSelfEnsemble(net), images, scale, sc -> print(out, sc));
            }
        }
        out.println(String.format(Locale.ROOT, "MEAN psnr=%.2f ssim=%.4f images=%d", summary.meanPsnr(), summary.meanSsim(), images.size()));
        out.flush();
        return 0;
    }

    private static void print(java.io.PrintWriter out, Protocol.Score sc) {
        out.println(String.format(Locale.ROOT, "%s psnr=%.4f ssim=%.5f", sc.image(), sc.psnr(), sc.ssim()));
        out.flush();
    }
}
