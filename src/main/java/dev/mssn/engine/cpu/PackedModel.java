package dev.mssn.engine.cpu;

import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.MssnParameters.Conv;
import java.util.List;

/**
 * The weights rearranged for channels-last rows: every convolution as [tap][input][output]
 * matrices in the panels {@link Kernels#pointwise} reads (one contiguous run of a panel's
 * outputs per input channel). The shuffle channels (3 s^2: 12, 27, 48) are padded with zero weights to a multiple
 * of the vector width; the padding is computed and never read.
 */
final class PackedModel {

    /** One MAWRU: expand [C][H] and project [H][C] in panels, depthwise [9][H]. */
    record Unit(float[] expand, float[] depthwise, float[] project, float muRes, float muX) {}

    /** One cascading block: its units and the share-source weights h = lambdaRes * y + lambdaX * x0. */
    record Block(List<Unit> units, float lambdaRes, float lambdaX) {}

    final ModelSpec spec;
    final int channels;
    final int hidden;
    /** Output channels of tail and skip as padded in buffers and weights. */
    final int shufflePadded;
    final float[] head;
    final float[] headBias;
    final float[] tail;
    final float[] skip;
    /** Tail bias plus skip bias, padded. */
    final float[] outBias;
    final List<Block> blocks;

    PackedModel(MssnParameters p, Kernels kernels) {
        int lanes = kernels.lanes();
        spec = p.spec();
        channels = spec.channels();
        hidden = spec.hidden();
        if (channels % lanes != 0 || hidden % lanes != 0) {
            throw new IllegalArgumentException(spec + ": widths C=" + channels + ", H=" + hidden
                    + " are not multiples of the " + lanes + "-float vectors");
        }
        shufflePadded = roundUp(spec.shuffleChannels(), lanes);
        head = dense(p.head(), channels, kernels);
        headBias = p.head().bias().clone();
        tail = dense(p.tail(), shufflePadded, kernels);
        skip = dense(p.skip(), shufflePadded, kernels);
        outBias = new float[shufflePadded];
        for (int o = 0; o < spec.shuffleChannels(); o++) {
            outBias[o] = p.tail().bias()[o] + p.skip().bias()[o];
        }
        blocks = p.blocks().stream().map(b -> new Block(b.units().stream().map(u -> new Unit(
                WeightPanels.pack(transpose(u.expand(), hidden, channels), channels, hidden, kernels),
                transpose(u.depthwise(), hidden, 9),
                WeightPanels.pack(transpose(u.project(), channels, hidden), hidden, channels, kernels),
                u.muRes(), u.muX())).toList(), b.lambdaRes(), b.lambdaX())).toList();
    }

    /** [cout][cin][k][k] to one panelled [cin][coutPadded] matrix per tap, taps in row-major order. */
    private static float[] dense(Conv conv, int coutPadded, Kernels kernels) {
        int k = conv.k();
        int tapLength = conv.cin() * coutPadded;
        float[] out = new float[k * k * tapLength];
        for (int tap = 0; tap < k * k; tap++) {
            float[] m = new float[tapLength];
            for (int o = 0; o < conv.cout(); o++) {
                for (int i = 0; i < conv.cin(); i++) {
                    m[i * coutPadded + o] = conv.weight()[(o * conv.cin() + i) * k * k + tap];
                }
            }
            System.arraycopy(WeightPanels.pack(m, conv.cin(), coutPadded, kernels), 0, out, tap * tapLength, tapLength);
        }
        return out;
    }

    /** [rows][cols] to [cols][rows]. */
    private static float[] transpose(float[] m, int rows, int cols) {
        float[] out = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = m[r * cols + c];
            }
        }
        return out;
    }

    static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
