package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.model.MssnParameters;

/**
 * Adds tail and skip, shuffles 3*s*s LR planes into RGB at s times the size (PyTorch order),
 * denormalises, rounds half to even and packs to the sample depth; twin of
 * kernels/pixel_shuffle.cl.
 */
public final class PixelShuffle {
    private PixelShuffle() {}

    public static RgbImage apply(FeatureMap tail, FeatureMap skip, int s, SampleDepth depth) {
        int h = tail.height();
        int w = tail.width();
        int plane = tail.plane();
        RgbImage out = RgbImage.blank(w * s, h * s, depth);
        byte[] rgb = out.rgb();
        float[] t = tail.data();
        float[] k = skip.data();
        float range = depth.halfRange();
        int outW = w * s;
        for (int c = 0; c < 3; c++) {
            float mean = depth.max() * MssnParameters.RGB_MEAN[c];
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    int ch = c * s * s + i * s + j;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int src = ch * plane + y * w + x;
                            float v = (t[src] + k[src]) * range + mean;
                            depth.set(rgb, ((y * s + i) * outW + x * s + j) * 3 + c, depth.quantise(v));
                        }
                    }
                }
            }
        }
        return out;
    }
}
