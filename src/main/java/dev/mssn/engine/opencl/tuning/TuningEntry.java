package dev.mssn.engine.opencl.tuning;

import java.util.Objects;

/**
 * The launch parameters of the fast kernels for one device (or vendor, or device type), found
 * under {@code key} in {@code source}; {@code measured} says where the figures come from.
 */
public record TuningEntry(String key, String source, LaunchParams pointwise, LaunchParams depthwise, LaunchParams dense,
                          String measured) {

    public TuningEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pointwise, "pointwise");
        Objects.requireNonNull(depthwise, "depthwise");
        Objects.requireNonNull(dense, "dense");
        if (depthwise.perItem() != 1) {
            throw new IllegalArgumentException("the depthwise kernel computes one channel per item, not " + depthwise.perItem());
        }
    }

    public TuningEntry withSource(String newKey, String newSource) {
        return new TuningEntry(newKey, newSource, pointwise, depthwise, dense, measured);
    }

    /** One line for {@code devices} and {@code profile}. */
    public String describe() {
        return key + " (" + source + "): pointwise " + pointwise + ", depthwise " + depthwise + ", dense " + dense;
    }
}
