package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The launch parameters of the fast kernels for one device (or vendor, or device type), found
 * under {@code key} in {@code source}; {@code measured} says where the figures come from. Every
 * {@link FastKernel} design has parameters here except optional ones the entry leaves out: then
 * the kernels they replace run instead (without {@code expandDepthwise}, a MAWRU's expansion and
 * depthwise convolution run as the pointwise and depthwise kernels).
 */
public record TuningEntry(String key, String source, Map<FastKernel, LaunchParams> params, String measured) {

    public TuningEntry {
        Objects.requireNonNull(key, "key");
        EnumMap<FastKernel, LaunchParams> copy = new EnumMap<>(FastKernel.class);
        params.forEach((k, p) -> {
            if (p != null) {
                copy.put(k, p);
            }
        });
        for (FastKernel k : FastKernel.values()) {
            LaunchParams p = copy.get(k);
            if (p == null && !k.optional()) {
                throw new IllegalArgumentException("no " + k.key() + " parameters");
            }
            if (p != null) {
                k.check(p);
            }
        }
        params = Collections.unmodifiableMap(copy);
    }

    /** An entry with the present designs' parameters by name; {@code expandDepthwise} may be null. */
    public TuningEntry(String key, String source, LaunchParams pointwise, LaunchParams depthwise, LaunchParams dense,
                       LaunchParams expandDepthwise, String measured) {
        this(key, source, of(pointwise, depthwise, dense, expandDepthwise), measured);
    }

    private static Map<FastKernel, LaunchParams> of(LaunchParams pointwise, LaunchParams depthwise, LaunchParams dense,
                                                    LaunchParams expandDepthwise) {
        Map<FastKernel, LaunchParams> m = new EnumMap<>(FastKernel.class);
        m.put(FastKernel.POINTWISE, pointwise);
        m.put(FastKernel.DEPTHWISE, depthwise);
        m.put(FastKernel.DENSE, dense);
        m.put(FastKernel.EXPAND_DEPTHWISE, expandDepthwise);
        return m;
    }

    /** The parameters of {@code kernel}, or null for an optional design this entry leaves out. */
    public LaunchParams params(FastKernel kernel) {
        return params.get(kernel);
    }

    public LaunchParams pointwise() {
        return params(FastKernel.POINTWISE);
    }

    public LaunchParams depthwise() {
        return params(FastKernel.DEPTHWISE);
    }

    public LaunchParams dense() {
        return params(FastKernel.DENSE);
    }

    public LaunchParams expandDepthwise() {
        return params(FastKernel.EXPAND_DEPTHWISE);
    }

    public TuningEntry withSource(String newKey, String newSource) {
        return new TuningEntry(newKey, newSource, params, measured);
    }

    /** One line for {@code devices} and {@code profile}. */
    public String describe() {
        StringBuilder out = new StringBuilder(key + " (" + source + "):");
        for (FastKernel k : FastKernel.values()) {
            LaunchParams p = params(k);
            out.append(' ').append(k.key()).append(p == null ? " not used" : " " + p).append(',');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
