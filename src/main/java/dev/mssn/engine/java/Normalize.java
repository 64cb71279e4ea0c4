package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.model.MssnParameters;

/**
 * Interleaved RGB to planar (v - max * mean) / (max / 2): 127.5 and 255 * mean at 8 bits.
 * Twin of kernels/io_unpack.cl.
 */
public final class Normalize {
    private Normalize() {}

    public static FeatureMap apply(RgbImage in) {
        FeatureMap out = FeatureMap.zeros(3, in.height(), in.width());
        int plane = out.plane();
        byte[] rgb = in.rgb();
        SampleDepth depth = in.depth();
        float range = depth.halfRange();
        float[] o = out.data();
        for (int c = 0; c < 3; c++) {
            float mean = depth.max() * MssnParameters.RGB_MEAN[c];
            for (int p = 0; p < plane; p++) {
                o[c * plane + p] = (depth.get(rgb, p * 3 + c) - mean) / range;
            }
        }
        return out;
    }
}
