package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;
import dev.mssn.model.MssnParameters.Conv;

/**
 * KxK convolution with bias and zero padding K/2 (head 3x3, skip 5x5, tail 3x3).
 * Sums over input channel, then kernel row, then kernel column, then adds the bias, in the
 * same order as kernels/conv_dense.cl.
 */
public final class DenseConv {
    private DenseConv() {}

    public static FeatureMap apply(FeatureMap in, Conv conv, Parallel parallel) {
        if (in.channels() != conv.cin()) {
            throw new IllegalArgumentException("conv expects " + conv.cin() + " input channels, got " + in.channels());
        }
        int h = in.height();
        int w = in.width();
        int k = conv.k();
        int r = k / 2;
        FeatureMap out = FeatureMap.zeros(conv.cout(), h, w);
        float[] src = in.data();
        float[] dst = out.data();
        float[] wt = conv.weight();
        parallel.forEach(conv.cout(), o -> {
            int base = o * h * w;
            for (int ci = 0; ci < conv.cin(); ci++) {
                int inBase = ci * h * w;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        float wv = wt[((o * conv.cin() + ci) * k + ky) * k + kx];
                        int dy = ky - r;
                        int dx = kx - r;
                        int y0 = Math.max(0, -dy);
                        int y1 = Math.min(h, h - dy);
                        int x0 = Math.max(0, -dx);
                        int x1 = Math.min(w, w - dx);
                        for (int y = y0; y < y1; y++) {
                            int orow = base + y * w;
                            int irow = inBase + (y + dy) * w + dx;
                            for (int x = x0; x < x1; x++) {
                                dst[orow + x] += wv * src[irow + x];
                            }
                        }
                    }
                }
            }
            float b = conv.bias()[o];
            for (int p = 0; p < h * w; p++) {
                dst[base + p] += b;
            }
        });
        return out;
    }
}
