package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;
import dev.mssn.engine.RgbImage;
import dev.mssn.model.MssnParameters;

/**
 * Adds tail and skip, shuffles 3*s*s LR planes into RGB at s times the size (PyTorch order),
 * denormalises, rounds half to even and packs to 8 bits; twin of kernels/pixel_shuffle.cl.
 */
public final class PixelShuffle {
    private PixelShuffle() {}

    public static RgbImage apply(FeatureMap tail, FeatureMap skip, int s) {
        int h = tail.height();
        int w = tail.width();
        int plane = tail.plane();
        RgbImage out = RgbImage.blank(w * s, h * s);
        byte[] rgb = out.rgb();
        float[] t = tail.data();
        float[] k = skip.data();
        int outW = w * s;
        for (int c = 0; c < 3; c++) {
            float mean = 255f * MssnParameters.RGB_MEAN[c];
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    int ch = c * s * s + i * s + j;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int src = ch * plane + y * w + x;
                            float v = (t[src] + k[src]) * MssnParameters.RGB_RANGE + mean;
                            rgb[((y * s + i) * outW + x * s + j) * 3 + c] = toByte(v);
                        }
                    }
                }
            }
        }
        return out;
    }

    public static byte toByte(float v) {
        float r = (float) Math.rint(v);
        return (byte) (int) Math.min(Math.max(r, 0f), 255f);
    }
}
