package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.opencl.ops.LaunchParams;
import java.util.Objects;

/**
 * The launch parameters of the fast kernels for one device (or vendor, or device type), found
 * under {@code key} in {@code source}; {@code measured} says where the figures come from.
 * {@code expandDepthwise}, when present, runs each MAWRU's expansion and depthwise convolution
 * as one fused kernel (see ClExpandDepthwiseFused for what its parameters mean); when absent
 * they run as the pointwise and depthwise kernels.
 */
public record TuningEntry(String key, String source, LaunchParams pointwise, LaunchParams depthwise, LaunchParams dense,
                          LaunchParams expandDepthwise, String measured) {

    public TuningEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pointwise, "pointwise");
        Objects.requireNonNull(depthwise, "depthwise");
        Objects.requireNonNull(dense, "dense");
        if (depthwise.perItem() != 1 || depthwise.blocks() != 1) {
            throw new IllegalArgumentException("the depthwise kernel computes one channel per item: per-item and blocks must be 1");
        }
        if (dense.blocks() != 1) {
            throw new IllegalArgumentException("the dense kernel computes one block per item: blocks must be 1");
        }
    }

    public TuningEntry withSource(String newKey, String newSource) {
        return new TuningEntry(newKey, newSource, pointwise, depthwise, dense, expandDepthwise, measured);
    }

    /** One line for {@code devices} and {@code profile}. */
    public String describe() {
        return key + " (" + source + "): pointwise " + pointwise + ", depthwise " + depthwise + ", dense " + dense
                + (expandDepthwise == null ? ", expansion and depthwise apart" : ", expansion+depthwise fused " + expandDepthwise);
    }
}
