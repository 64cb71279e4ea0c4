package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;
import dev.mssn.engine.RgbImage;
import dev.mssn.model.MssnParameters;

/** 8-bit interleaved RGB to planar (v - 255 mean) / 127.5. Twin of kernels/io_unpack.cl. */
public final class Normalize {
    private Normalize() {}

    public static FeatureMap apply(RgbImage in) {
        FeatureMap out = FeatureMap.zeros(3, in.height(), in.width());
        int plane = out.plane();
        byte[] rgb = in.rgb();
        float[] o = out.data();
        for (int c = 0; c < 3; c++) {
            float mean = 255f * MssnParameters.RGB_MEAN[c];
            for (int p = 0; p < plane; p++) {
                o[c * plane + p] = ((rgb[p * 3 + c] & 0xff) - mean) / MssnParameters.RGB_RANGE;
            }
        }
        return out;
    }
}
