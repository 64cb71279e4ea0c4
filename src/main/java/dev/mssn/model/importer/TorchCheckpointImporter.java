package dev.mssn.model.importer;

import dev.mssn.model.ModelFormatException;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.Tensor;
import dev.mssn.model.Variant;
import dev.mssn.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Converts the authors' released checkpoints ({@code MSSN*_x*.pt}) into {@link Weights}:
 * recognises variant and scale from the tensor shapes, folds the weight normalisation and
 * applies the 6-block variant's lambda mapping.
 */
public final class TorchCheckpointImporter {

    /** The released 6-block MSSN multiplies blocks 4 and 5 by lambda_res[2] and [3]; its weights rely on it. */
    static final List<Integer> MSSN_LAMBDA_RES_INDEX = List.of(0, 1, 2, 3, 2, 3);

    private TorchCheckpointImporter() {}

    public static Weights read(Path checkpoint) throws IOException {
        long size = Files.size(checkpoint);
        if (size > 256L << 20) {
            throw new ModelFormatException(checkpoint + ": " + size + " bytes, far larger than any MSSN checkpoint");
        }
        String source = checkpoint.toString();
        return convert(LegacyTorchFile.read(Files.readAllBytes(checkpoint), source), source);
    }

    static Weights convert(Map<String, Tensor> sd, String source) {
        String probe = "body.0.b0.body.0.body.0.weight_v";
        if (!sd.containsKey(probe)) {
            String found = sd.keySet().stream().filter(k -> k.startsWith("body.0.b0.")).findFirst().orElse("none");
            throw new ModelFormatException(source + ": not the released MSSN layout (no \"" + probe + "\"; first block tensor is \""
                    + found + "\"). The authors' MSSN_S_x4.pt is such a file: it belongs to a different, unweight-normalised"
                    + " network and cannot be imported.");
        }
        int c = shape(sd, "head.0.weight_v", source)[0];
        int h = shape(sd, probe, source)[0];
        int blocks = (int) IntStream.iterate(0, b -> sd.containsKey("body.0.b" + b + ".body.0.body.0.weight_v"), b -> b + 1).count();
        Variant variant = Arrays.stream(Variant.values())
                .filter(v -> v.channels() == c && v.hidden() == h && v.blocks() == blocks).findFirst()
                .orElseThrow(() -> new ModelFormatException(source + ": C=" + c + ", H=" + h + ", " + blocks + " blocks matches no MSSN variant"));
        int shuffle = shape(sd, "tail.0.weight_v", source)[0];
        int scale = IntStream.rangeClosed(2, 4).filter(s -> 3 * s * s == shuffle).findFirst()
                .orElseThrow(() -> new ModelFormatException(source + ": tail has " + shuffle + " channels, not 3*s*s for s in 2..4"));
        List<Integer> lambdaIndex = variant.blocks() == 6 ? MSSN_LAMBDA_RES_INDEX : IntStream.range(0, blocks).boxed().toList();
        ModelSpec spec = new ModelSpec(variant, scale, lambdaIndex);

        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String part : List.of("head", "skip", "tail")) {
            put(out, part + ".weight", fold(sd, part + ".0", source));
            put(out, part + ".bias", get(sd, part + ".0.bias", source).data());
        }
        for (int b = 0; b < blocks; b++) {
            for (int u = 0; u < Variant.UNITS_PER_BLOCK; u++) {
                String src = "body.0.b" + b + ".body." + u;
                put(out, Weights.unit(b, u, Weights.EXPAND), fold(sd, src + ".body.0", source));
                put(out, Weights.unit(b, u, Weights.DEPTHWISE), fold(sd, src + ".body.2", source));
                put(out, Weights.unit(b, u, Weights.PROJECT), fold(sd, src + ".body.4", source));
                put(out, Weights.unit(b, u, Weights.MU_RES), get(sd, src + ".res_scale.scale", source).data());
                put(out, Weights.unit(b, u, Weights.MU_X), get(sd, src + ".x_scale.scale", source).data());
            }
        }
        put(out, Weights.LAMBDA_RES, scalars(sd, "body.0.res_scale", spec.storedLambdaRes(), source));
        put(out, Weights.LAMBDA_X, scalars(sd, "body.0.x_scale", blocks, source));

        Map<String, int[]> shapes = Weights.expectedShapes(spec);
        Map<String, Tensor> shaped = new LinkedHashMap<>();
        out.forEach((name, t) -> shaped.put(name, new Tensor(name, shapes.getOrDefault(name, t.shape()), t.data())));
        return new Weights(spec, shaped, source);
    }

    private static void put(Map<String, Tensor> out, String name, float[] data) {
        out.put(name, new Tensor(name, new int[] {data.length}, data));
    }

    private static Tensor get(Map<String, Tensor> sd, String key, String source) {
        Tensor t = sd.get(key);
        if (t == null) {
            throw new ModelFormatException(source + ": tensor \"" + key + "\" is missing");
        }
        return t;
    }

    private static int[] shape(Map<String, Tensor> sd, String key, String source) {
        return get(sd, key, source).shape();
    }

    private static float[] scalars(Map<String, Tensor> sd, String prefix, int n, String source) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = get(sd, prefix + i + ".scale", source).data()[0];
        }
        return out;
    }

    /** W = g * V / ||V||, the norm per output channel over all other axes (PyTorch's weight_norm, dim 0). */
    static float[] fold(Map<String, Tensor> sd, String prefix, String source) {
        float[] v = get(sd, prefix + ".weight_v", source).data();
        float[] g = get(sd, prefix + ".weight_g", source).data();
        int outChannels = g.length;
        if (outChannels == 0 || v.length % outChannels != 0) {
            throw new ModelFormatException(source + ": " + prefix + ".weight_g does not match weight_v");
        }
        int per = v.length / outChannels;
        float[] w = new float[v.length];
        for (int o = 0; o < outChannels; o++) {
            double norm = 0;
            for (int i = 0; i < per; i++) {
                norm += (double) v[o * per + i] * v[o * per + i];
            }
            double f = g[o] / Math.sqrt(norm);
            for (int i = 0; i < per; i++) {
                w[o * per + i] = (float) (v[o * per + i] * f);
            }
        }
        return w;
    }

}
