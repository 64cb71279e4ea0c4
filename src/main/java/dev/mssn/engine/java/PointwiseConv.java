package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;

/**
 * 1x1 convolutions without bias, summed over input channels in ascending order (as
 * kernels/conv_pointwise.cl): the MAWRU expansion with ReLU6, and the projection fused with
 * the unit's weighted residual, y' = muRes * (W t) + muX * y.
 */
public final class PointwiseConv {
    private PointwiseConv() {}

    public static FeatureMap expandRelu6(FeatureMap in, float[] weight, int cout, Parallel parallel) {
        FeatureMap out = sum(in, weight, cout, parallel);
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Activation.relu6(d[i]);
        }
        return out;
    }

    public static FeatureMap projectFuse(FeatureMap t, float[] weight, float muRes, FeatureMap y, float muX, Parallel parallel) {
        FeatureMap out = sum(t, weight, y.channels(), parallel);
        float[] d = out.data();
        float[] yd = y.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = muRes * d[i] + muX * yd[i];
        }
        return out;
    }

    private static FeatureMap sum(FeatureMap in, float[] weight, int cout, Parallel parallel) {
        int cin = in.channels();
        if (weight.length != cout * cin) {
            throw new IllegalArgumentException("1x1 weights hold " + weight.length + " values, expected " + cout + "x" + cin);
        }
        int plane = in.plane();
        FeatureMap out = FeatureMap.zeros(cout, in.height(), in.width());
        float[] src = in.data();
        float[] dst = out.data();
        parallel.forEach(cout, o -> {
            int ob = o * plane;
            for (int i = 0; i < cin; i++) {
                float wv = weight[o * cin + i];
                int ib = i * plane;
                for (int p = 0; p < plane; p++) {
                    dst[ob + p] += wv * src[ib + p];
                }
            }
        });
        return out;
    }
}
