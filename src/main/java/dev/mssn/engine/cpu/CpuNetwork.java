package dev.mssn.engine.cpu;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import java.util.function.BooleanSupplier;

/**
 * The fast CPU forward pass. Each stage runs over the tile's rows in strips (pieces that
 * {@link RowParallel} hands to its threads);
 * each MAWRU is fused: a strip expands its input rows one at a time into a ring of three
 * (expand 1x1 + ReLU6), and for each output row runs depthwise 3x3 + ReLU6 and the projection
 * with its weighted residual on groups of {@link TileBuffers#GROUP} pixels, so the H-wide
 * hidden tensor never exists beyond three rows. Units update the features in place: an output
 * row is written once the rows that need its old values have been expanded, and the rows just
 * outside a strip, which neighbouring strips overwrite, are expanded before any strip writes.
 * Tail and skip share one accumulator row that is shuffled, denormalised and rounded straight
 * into the output.
 */
final class CpuNetwork implements Network {

    private final PackedModel model;
    private final Kernels kernels;
    private final RowParallel parallel;
    private final TileBuffers buffers;

    // The stage in progress: set by the calling thread before each parallel.run, which publishes
    // them to the threads running its pieces. The stages themselves are made once, here: a
    // lambda made at each call would be an allocation per stage per tile.
    private RgbImage stageImage;
    private PackedModel.Unit stageUnit;
    private PackedModel.Block stageBlockEnd;
    private float[] stageIn;
    private float[] stageOut;
    private final RowParallel.Strip normaliseRows = this::normaliseStage;
    private final RowParallel.Strip headRows = this::headStage;
    private final RowParallel.Strip expandEdgeRows = this::expandEdgesStage;
    private final RowParallel.Strip mawruRows = this::mawruStage;
    private final RowParallel.Strip tailRows = this::tailStage;

    CpuNetwork(MssnParameters parameters, Kernels kernels, RowParallel parallel) {
        this.model = new PackedModel(parameters, kernels);
        this.kernels = kernels;
        this.parallel = parallel;
        this.buffers = new TileBuffers(model.channels, model.hidden, model.shufflePadded, parallel.maxPieces());
    }

    /** The packed weights, for the stage benchmark. */
    PackedModel model() {
        return model;
    }

    /** The activation buffers, for the stage benchmark. */
    TileBuffers buffers() {
        return buffers;
    }

    @Override
    public ModelSpec spec() {
        return model.spec;
    }

    @Override
    public RgbImage upscale(RgbImage lr) {
        return upscale(lr, NEVER);
    }

    @Override
    public RgbImage upscale(RgbImage lr, BooleanSupplier stop) {
        RgbImage out = RgbImage.blank(Math.multiplyExact(lr.width(), spec().scale()), Math.multiplyExact(lr.height(), spec().scale()),
                lr.depth());
        upscaleInto(lr, out, stop);
        return out;
    }

    /** Writes the result straight into {@code out}: nothing of a tile's size is allocated once the buffers fit. */
    @Override
    public void upscaleInto(RgbImage lr, RgbImage out, BooleanSupplier stop) {
        int s = spec().scale();
        if ((long) out.width() != (long) lr.width() * s || (long) out.height() != (long) lr.height() * s || out.depth() != lr.depth()) {
            throw new IllegalArgumentException("out must be " + lr.width() * s + "x" + lr.height() * s + " " + lr.depth() + ", got "
                    + out.width() + "x" + out.height() + " " + out.depth());
        }
        parallel.stopWhen(stop);
        try {
            run(lr, out);
        } finally {
            parallel.stopWhen(NEVER);
        }
    }

    private void run(RgbImage lr, RgbImage out) {
        TileBuffers b = buffers;
        b.prepare(lr.width(), lr.height());
        try {
            stageImage = lr;
            parallel.run(lr.height(), normaliseRows);
            parallel.run(lr.height(), headRows);
            float[] in = b.x0; // the first unit reads x0, which every block needs again; the rest update the features in place
            for (int k = 0; k < model.blocks.size(); k++) {
                PackedModel.Block block = model.blocks.get(k);
                for (int u = 0; u < block.units().size(); u++) {
                    runUnit(block.units().get(u), u == block.units().size() - 1 ? block : null, in, b.features);
                    in = b.features;
                }
            }
            stageImage = out;
            parallel.run(lr.height(), tailRows);
        } finally {
            stageImage = null; // the caller's images are not kept
        }
    }

    /** Samples to (v - max * mean) / (max / 2), channels-last. */
    private void normalise(RgbImage lr, int from, int to) {
        SampleDepth depth = lr.depth();
        float range = depth.halfRange();
        float[] in = buffers.input;
        for (int y = from; y < to; y++) {
            parallel.stopIfAsked();
            int d = buffers.inputPixel(0, y);
            int s = y * lr.width() * 3;
            for (int i = 0; i < lr.width() * 3; i++) {
                in[d + i] = (depth.get(lr.rgb(), s + i) - depth.max() * MssnParameters.RGB_MEAN[i % 3]) / range;
            }
        }
    }

    /** x0 = head 3x3 convolution (3 to C) plus bias. */
    private void head(int from, int to) {
        TileBuffers b = buffers;
        int c = model.channels;
        for (int y = from; y < to; y++) {
            parallel.stopIfAsked();
            int row = b.mapPixel(0, y);
            for (int x = 0; x < b.width; x++) {
                System.arraycopy(model.headBias, 0, b.x0, row + x * c, c);
            }
            for (int tap = 0; tap < 9; tap++) {
                kernels.pointwise(b.input, b.inputPixel(tap % 3 - 1, y + tap / 3 - 1), 3, 3, model.head, tap * 3 * c, c,
                        b.x0, row, c, b.width, true, false);
            }
        }
    }

    /** One MAWRU over the whole tile, from in to out (which may be the same map). */
    void runUnit(PackedModel.Unit unit, PackedModel.Block blockEnd, float[] in, float[] out) {
        stageUnit = unit;
        stageBlockEnd = blockEnd;
        stageIn = in;
        stageOut = out;
        parallel.run(buffers.height, expandEdgeRows);
        parallel.run(buffers.height, mawruRows);
    }

    private void normaliseStage(int piece, int from, int to) {
        normalise(stageImage, from, to);
    }

    private void headStage(int piece, int from, int to) {
        head(from, to);
    }

    /** Expands the row above a strip and the row below it, which neighbouring strips overwrite, into its ring. */
    private void expandEdgesStage(int piece, int from, int to) {
        int rowLength = (buffers.width + 2) * model.hidden;
        float[] ring = buffers.scratch[piece].ring;
        expandRow(stageUnit, stageIn, ring, from - 1, slot(from - 1) * rowLength);
        expandRow(stageUnit, stageIn, ring, to, BELOW_STRIP * rowLength);
    }

    private void mawruStage(int piece, int from, int to) {
        mawru(stageUnit, stageBlockEnd, stageIn, stageOut, buffers.scratch[piece], from, to);
    }

    private void tailStage(int piece, int from, int to) {
        tailAndShuffle(buffers.features, buffers.scratch[piece], stageImage, from, to);
    }

    /**
     * One MAWRU on rows [from, to), once the rows just above and below were expanded:
     * out = muRes * project(relu6(dw(relu6(expand(in))))) + muX * in, and at a block's end
     * out = lambdaRes * out + lambdaX * x0.
     */
    private void mawru(PackedModel.Unit unit, PackedModel.Block blockEnd, float[] in, float[] out, TileBuffers.Scratch s,
                       int from, int to) {
        TileBuffers b = buffers;
        int c = model.channels;
        int hidden = model.hidden;
        int rowLength = (b.width + 2) * hidden;
        expandRow(unit, in, s.ring, from, slot(from) * rowLength);
        for (int y = from; y < to; y++) {
            parallel.stopIfAsked();
            int below = y + 1 == to ? BELOW_STRIP * rowLength : slot(y + 1) * rowLength;
            if (y + 1 < to) {
                expandRow(unit, in, s.ring, y + 1, below); // before row y is overwritten, in case in == out
            }
            int above = slot(y - 1) * rowLength;
            int centre = slot(y) * rowLength;
            for (int x = 0; x < b.width; x += TileBuffers.GROUP) {
                int n = Math.min(TileBuffers.GROUP, b.width - x);
                kernels.depthwiseRelu6(s.ring, above + x * hidden, centre + x * hidden, below + x * hidden, hidden, unit.depthwise(),
                        s.depthwise, 0, n);
                kernels.pointwise(s.depthwise, 0, hidden, hidden, unit.project(), 0, c, s.projection, 0, c, n, false, false);
                int p = b.mapPixel(x, y);
                kernels.weightedSum(unit.muRes(), s.projection, 0, unit.muX(), in, p, out, p, n * c);
                if (blockEnd != null) {
                    kernels.weightedSum(blockEnd.lambdaRes(), out, p, blockEnd.lambdaX(), b.x0, p, out, p, n * c);
                }
            }
        }
    }

    /** Expands input row y into the ring at {@code start}, with a zero pixel at each end; a row outside the tile is all zeros. */
    private void expandRow(PackedModel.Unit unit, float[] in, float[] ring, int y, int start) {
        TileBuffers b = buffers;
        int hidden = model.hidden;
        int rowLength = (b.width + 2) * hidden;
        if (y < 0 || y >= b.height) {
            java.util.Arrays.fill(ring, start, start + rowLength, 0f);
            return;
        }
        java.util.Arrays.fill(ring, start, start + hidden, 0f);
        java.util.Arrays.fill(ring, start + rowLength - hidden, start + rowLength, 0f);
        kernels.pointwise(in, b.mapPixel(0, y), model.channels, model.channels, unit.expand(), 0, hidden,
                ring, start + hidden, hidden, b.width, false, true);
    }

    /** Ring slot of the row below a strip, which the ring of three would overwrite before it is needed. */
    private static final int BELOW_STRIP = 3;

    /** Ring slot (0..2) of expanded row y, for y >= -1. */
    private static int slot(int y) {
        return (y + 3) % 3;
    }

    /** Tail 3x3 (C to 3s^2) plus skip 5x5 (3 to 3s^2) plus biases, shuffled, denormalised and rounded into the output. */
    private void tailAndShuffle(float[] features, TileBuffers.Scratch s, RgbImage out, int from, int to) {
        TileBuffers b = buffers;
        int c = model.channels;
        int padded = model.shufflePadded;
        int scale = spec().scale();
        SampleDepth depth = out.depth();
        float range = depth.halfRange();
        float[] acc = s.outputRow;
        for (int y = from; y < to; y++) {
            parallel.stopIfAsked();
            for (int x = 0; x < b.width; x++) {
                System.arraycopy(model.outBias, 0, acc, x * padded, padded);
            }
            for (int tap = 0; tap < 9; tap++) {
                kernels.pointwise(features, b.mapPixel(tap % 3 - 1, y + tap / 3 - 1), c, c, model.tail, tap * c * padded, padded,
                        acc, 0, padded, b.width, true, false);
            }
            for (int tap = 0; tap < 25; tap++) {
                kernels.pointwise(b.input, b.inputPixel(tap % 5 - 2, y + tap / 5 - 2), 3, 3, model.skip, tap * 3 * padded, padded,
                        acc, 0, padded, b.width, true, false);
            }
            for (int colour = 0; colour < 3; colour++) {
                float mean = depth.max() * MssnParameters.RGB_MEAN[colour];
                for (int i = 0; i < scale; i++) {
                    int outRow = (y * scale + i) * out.width();
                    for (int j = 0; j < scale; j++) {
                        int ch = colour * scale * scale + i * scale + j;
                        for (int x = 0; x < b.width; x++) {
                            depth.set(out.rgb(), (outRow + x * scale + j) * 3 + colour, depth.quantise(acc[x * padded + ch] * range + mean));
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        // buffers are Java heap; the threads belong to the backend
    }
}
