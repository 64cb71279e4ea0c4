package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;

/** 3x3 depthwise convolution with ReLU6, zero padding, no bias; twin of kernels/conv_depthwise.cl. */
public final class DepthwiseConv3x3 {
    private DepthwiseConv3x3() {}

    public static FeatureMap applyRelu6(FeatureMap in, float[] weight, Parallel parallel) {
        int c = in.channels();
        if (weight.length != c * 9) {
            throw new IllegalArgumentException("depthwise weights hold " + weight.length + " values, expected " + c + "x3x3");
        }
        int h = in.height();
        int w = in.width();
        FeatureMap out = FeatureMap.zeros(c, h, w);
        float[] src = in.data();
        float[] dst = out.data();
        parallel.forEach(c, ch -> {
            int base = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float acc = 0f;
                    for (int ky = 0; ky < 3; ky++) {
                        int yy = y + ky - 1;
                        if (yy < 0 || yy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < 3; kx++) {
                            int xx = x + kx - 1;
                            if (xx >= 0 && xx < w) {
                                acc += weight[ch * 9 + ky * 3 + kx] * src[base + yy * w + xx];
                            }
                        }
                    }
                    dst[base + y * w + x] = Activation.relu6(acc);
                }
            }
        });
        return out;
    }
}
