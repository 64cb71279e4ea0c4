package dev.mssn.engine.java;

import dev.mssn.engine.FeatureMap;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.MssnParameters.Block;
import dev.mssn.model.MssnParameters.Unit;

/** The reference forward pass of docs/mssn.md, op by op in float32. */
final class JavaNetwork implements Network {

    private final MssnParameters p;
    private final Parallel parallel;

    JavaNetwork(MssnParameters p, Parallel parallel) {
        this.p = p;
        this.parallel = parallel;
    }

    @Override
    public ModelSpec spec() {
        return p.spec();
    }

    @Override
    public RgbImage upscale(RgbImage lr) {
        FeatureMap x = Normalize.apply(lr);
        FeatureMap skip = DenseConv.apply(x, p.skip(), parallel);
        FeatureMap x0 = DenseConv.apply(x, p.head(), parallel);
        FeatureMap h = x0;
        for (Block block : p.blocks()) {
            FeatureMap y = h;
            for (Unit u : block.units()) {
                FeatureMap t = PointwiseConv.expandRelu6(y, u.expand(), p.spec().hidden(), parallel);
                t = DepthwiseConv3x3.applyRelu6(t, u.depthwise(), parallel);
                y = PointwiseConv.projectFuse(t, u.project(), u.muRes(), y, u.muX(), parallel);
            }
            h = FuseResidual.apply(block.lambdaRes(), y, block.lambdaX(), x0);
        }
        FeatureMap tail = DenseConv.apply(h, p.tail(), parallel);
        return PixelShuffle.apply(tail, skip, p.spec().scale(), lr.depth());
    }

    @Override
    public void close() {
        // nothing held beyond the Java heap
    }
}
