package dev.mssn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated set of MSSN parameters for one {@link ModelSpec}: weight normalisation
 * already folded, names and shapes as listed in docs/weights-format.md.
 *
 * <p>Tensor arrays are shared, not copied; nothing in the library writes to them.
 */
public final class Weights {

    private final ModelSpec spec;
    private final Map<String, Tensor> tensors;
    private final String source;

    /**
     * Checks that {@code tensors} holds exactly the tensors {@code spec} needs, with the right shapes.
     *
     * @param source where the weights came from, used in error messages ("mssn-m-x2.safetensors")
     * @throws ModelFormatException naming the first missing, unexpected or misshapen tensor
     */
    public Weights(ModelSpec spec, Map<String, Tensor> tensors, String source) {
        this.spec = spec;
        this.source = source;
        Map<String, int[]> expected = expectedShapes(spec);
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new ModelFormatException(source + ": tensor \"" + e.getKey() + "\" is missing (" + spec + ")");
            }
            if (!t.hasShape(e.getValue())) {
                throw new ModelFormatException(source + ": tensor \"" + e.getKey() + "\" has shape "
                        + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.getValue())
                        + " (" + spec + ", C=" + spec.channels() + ", H=" + spec.hidden() + ")");
            }
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new ModelFormatException(source + ": tensor \"" + e.getKey() + "\" holds a non-finite value (" + v + ")");
                }
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name)) {
                throw new ModelFormatException(source + ": unexpected tensor \"" + name + "\" for " + spec);
            }
        }
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public ModelSpec spec() { return spec; }
    public String source() { return source; }
    public Map<String, Tensor> tensors() { return tensors; }

    public float[] get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + name + " in " + source);
        }
        return t.data();
    }

    public long parameterCount() {
        return tensors.values().stream().mapToLong(t -> t.data().length).sum();
    }

    // Tensor names, in one place.
    public static final String HEAD_WEIGHT = "head.weight";
    public static final String HEAD_BIAS = "head.bias";
    public static final String SKIP_WEIGHT = "skip.weight";
    public static final String SKIP_BIAS = "skip.bias";
    public static final String TAIL_WEIGHT = "tail.weight";
    public static final String TAIL_BIAS = "tail.bias";
    public static final String LAMBDA_RES = "lambda_res";
    public static final String LAMBDA_X = "lambda_x";

    public static String unit(int block, int unit, String part) {
        return "blocks." + block + ".units." + unit + "." + part;
    }

    public static final String EXPAND = "expand.weight";
    public static final String DEPTHWISE = "dw.weight";
    public static final String PROJECT = "project.weight";
    public static final String MU_RES = "mu_res";
    public static final String MU_X = "mu_x";

    /** Every tensor a spec needs, in file order, with its shape. */
    public static Map<String, int[]> expectedShapes(ModelSpec spec) {
        int c = spec.channels();
        int h = spec.hidden();
        int s2 = spec.shuffleChannels();
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(HEAD_WEIGHT, new int[] {c, 3, 3, 3});
        m.put(HEAD_BIAS, new int[] {c});
        m.put(SKIP_WEIGHT, new int[] {s2, 3, 5, 5});
        m.put(SKIP_BIAS, new int[] {s2});
        m.put(TAIL_WEIGHT, new int[] {s2, c, 3, 3});
        m.put(TAIL_BIAS, new int[] {s2});
        for (int b = 0; b < spec.blocks(); b++) {
            for (int u = 0; u < Variant.UNITS_PER_BLOCK; u++) {
                m.put(unit(b, u, EXPAND), new int[] {h, c, 1, 1});
                m.put(unit(b, u, DEPTHWISE), new int[] {h, 1, 3, 3});
                m.put(unit(b, u, PROJECT), new int[] {c, h, 1, 1});
                m.put(unit(b, u, MU_RES), new int[] {1});
                m.put(unit(b, u, MU_X), new int[] {1});
            }
        }
        m.put(LAMBDA_RES, new int[] {spec.storedLambdaRes()});
        m.put(LAMBDA_X, new int[] {spec.blocks()});
        return m;
    }

    /** Names in file order, for writers. */
    public static List<String> names(ModelSpec spec) {
        return new ArrayList<>(expectedShapes(spec).keySet());
    }
}
