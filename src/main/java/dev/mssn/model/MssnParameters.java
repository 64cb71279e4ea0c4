package dev.mssn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The network's parameters arranged the way the forward pass walks them, shared by every backend.
 * The lambda_res mapping of the spec is resolved here, so backends see one pair of scalars per block.
 */
public record MssnParameters(ModelSpec spec, Conv head, Conv skip, Conv tail, List<Block> blocks) {

    /** A dense KxK convolution, weights [cout][cin][k][k], optional bias. */
    public record Conv(int cout, int cin, int k, float[] weight, float[] bias) {}

    /** One MAWRU: expand [H][C], depthwise [H][3][3], project [C][H]; y = muRes * t + muX * y. */
    public record Unit(float[] expand, float[] depthwise, float[] project, float muRes, float muX) {}

    /** One cascading block: h = lambdaRes * y + lambdaX * x0. */
    public record Block(List<Unit> units, float lambdaRes, float lambdaX) {}

    public static MssnParameters of(Weights w) {
        ModelSpec spec = w.spec();
        int c = spec.channels();
        int s2 = spec.shuffleChannels();
        Conv head = new Conv(c, 3, 3, w.get(Weights.HEAD_WEIGHT), w.get(Weights.HEAD_BIAS));
        Conv skip = new Conv(s2, 3, 5, w.get(Weights.SKIP_WEIGHT), w.get(Weights.SKIP_BIAS));
        Conv tail = new Conv(s2, c, 3, w.get(Weights.TAIL_WEIGHT), w.get(Weights.TAIL_BIAS));
        float[] lambdaRes = w.get(Weights.LAMBDA_RES);
        float[] lambdaX = w.get(Weights.LAMBDA_X);
        List<Block> blocks = new ArrayList<>();
        for (int b = 0; b < spec.blocks(); b++) {
            List<Unit> units = new ArrayList<>();
            for (int u = 0; u < Variant.UNITS_PER_BLOCK; u++) {
                units.add(new Unit(
                        w.get(Weights.unit(b, u, Weights.EXPAND)),
                        w.get(Weights.unit(b, u, Weights.DEPTHWISE)),
                        w.get(Weights.unit(b, u, Weights.PROJECT)),
                        w.get(Weights.unit(b, u, Weights.MU_RES))[0],
                        w.get(Weights.unit(b, u, Weights.MU_X))[0]));
            }
            blocks.add(new Block(List.copyOf(units), lambdaRes[spec.lambdaResIndex().get(b)], lambdaX[b]));
        }
        return new MssnParameters(spec, head, skip, tail, List.copyOf(blocks));
    }

    /**
     * RGB mean of the training data, in 0..1; 8-bit input is normalised as (v - 255 mean) / 127.5
     * (engine/SampleDepth generalises this to other depths).
     */
    public static final float[] RGB_MEAN = {0.4488f, 0.4371f, 0.4040f};
}
