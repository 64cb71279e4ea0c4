package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;

/** out = a * t + b * y, the share-source skip at the end of a block; twin of kernels/fuse_residual.cl. */
public final class FuseResidual {
    private FuseResidual() {}

    public static FeatureMap apply(float a, FeatureMap t, float b, FeatureMap y) {
        FeatureMap out = FeatureMap.zeros(t.channels(), t.height(), t.width());
        float[] td = t.data();
        float[] yd = y.data();
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = a * td[i] + b * yd[i];
        }
        return out;
    }
}
