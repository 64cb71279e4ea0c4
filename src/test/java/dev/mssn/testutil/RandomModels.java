package dev.mssn.testutil;

import dev.mssn.model.ModelSpec;
import dev.mssn.model.Tensor;
import dev.mssn.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;

/** Randomly initialised weights of any spec, scaled so activations stay in a realistic range. */
public final class RandomModels {

    private RandomModels() {}

    public static Weights weights(ModelSpec spec, long seed) {
        SeededRandom r = new SeededRandom(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Weights.expectedShapes(spec).forEach((name, shape) -> {
            int n = (int) Tensor.elementCount(shape);
            int fanIn = shape.length == 4 ? shape[1] * shape[2] * shape[3] : 1;
            float[] data = name.contains("mu_") || name.startsWith("lambda")
                    ? scalars(r, n) : r.floats(n, (float) (1.0 / Math.sqrt(fanIn)));
            tensors.put(name, new Tensor(name, shape, data));
        });
        return new Weights(spec, tensors, "random(seed=" + seed + ")");
    }

    private static float[] scalars(SeededRandom r, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextFloat(0.5f, 1.5f);
        }
        return out;
    }
}
