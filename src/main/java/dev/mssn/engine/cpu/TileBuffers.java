package dev.mssn.engine.cpu;

import java.util.Arrays;

/**
 * A tile's activations, channels-last with a zero border so that every convolution reads its
 * zero padding instead of testing for edges: the normalised input (3 channels, 2-pixel border
 * for the 5x5 skip) and two C-wide feature maps (1-pixel border): the head output x0, which
 * every block reads again, and the features the units update in place. Buffers grow to the
 * largest tile seen and are reused; only the border of the current tile is cleared, since
 * every stage writes its whole interior.
 */
final class TileBuffers {

    /**
     * Per-strip scratch: four expanded rows (a ring of three, plus the row below the strip,
     * kept before the neighbour overwrites it), and a pixel group's depthwise and projection
     * outputs.
     */
    static final class Scratch {
        float[] ring = new float[0];
        final float[] depthwise;
        final float[] projection;
        float[] outputRow = new float[0];

        Scratch(int group, int channels, int hidden) {
            depthwise = new float[group * hidden];
            projection = new float[group * channels];
        }
    }

    /** Expanded rows a strip keeps: the ring of three the depthwise reads, and the row below the strip. */
    static final int EXPANDED_ROWS = 4;

    /** Pixels a strip's depthwise and projection work on at a time; their outputs stay in L1. */
    static final int GROUP = 16;

    private final int channels;
    private final int hidden;
    private final int shufflePadded;
    final Scratch[] scratch;

    int width;
    int height;
    float[] input = new float[0];
    float[] x0 = new float[0];
    float[] features = new float[0];

    TileBuffers(int channels, int hidden, int shufflePadded, int strips) {
        this.channels = channels;
        this.hidden = hidden;
        this.shufflePadded = shufflePadded;
        scratch = new Scratch[strips];
        for (int k = 0; k < strips; k++) {
            scratch[k] = new Scratch(GROUP, channels, hidden);
        }
    }

    /** Bytes a tile of this size takes, for sizing tiles to the heap. */
    static long bytes(int width, int height, int channels, int hidden, int shufflePadded, int strips) {
        long maps = 2L * (width + 2) * (height + 2) * channels + (long) (width + 4) * (height + 4) * 3;
        long perStrip = (long) EXPANDED_ROWS * (width + 2) * hidden + (long) width * shufflePadded + (long) GROUP * (channels + hidden);
        return 4 * (maps + strips * perStrip);
    }

    /** Makes the buffers fit a tile and clears its borders. */
    void prepare(int width, int height) {
        this.width = width;
        this.height = height;
        int mapLength = Math.multiplyExact(Math.multiplyExact(width + 2, height + 2), channels);
        int inputLength = Math.multiplyExact(Math.multiplyExact(width + 4, height + 4), 3);
        if (x0.length < mapLength) {
            x0 = new float[0]; // let the old ones go before the new ones are allocated
            features = new float[0];
            x0 = new float[mapLength];
            features = new float[mapLength];
        }
        if (input.length < inputLength) {
            input = new float[inputLength];
        }
        clearBorder(x0, width, height, 1, channels);
        clearBorder(features, width, height, 1, channels);
        clearBorder(input, width, height, 2, 3);
        int ringLength = EXPANDED_ROWS * (width + 2) * hidden;
        for (Scratch s : scratch) {
            if (s.ring.length < ringLength) {
                s.ring = new float[ringLength];
            }
            if (s.outputRow.length < width * shufflePadded) {
                s.outputRow = new float[width * shufflePadded];
            }
        }
    }

    /** Index of pixel (x, y) of a feature map; -1 and width/height address its zero border. */
    int mapPixel(int x, int y) {
        return ((y + 1) * (width + 2) + x + 1) * channels;
    }

    /** Index of pixel (x, y) of the normalised input; -2 .. width + 1 are valid. */
    int inputPixel(int x, int y) {
        return ((y + 2) * (width + 4) + x + 2) * 3;
    }

    private static void clearBorder(float[] a, int width, int height, int border, int channels) {
        int pitch = (width + 2 * border) * channels;
        Arrays.fill(a, 0, border * pitch, 0f);
        Arrays.fill(a, (height + border) * pitch, (height + 2 * border) * pitch, 0f);
        for (int y = border; y < height + border; y++) {
            Arrays.fill(a, y * pitch, y * pitch + border * channels, 0f);
            Arrays.fill(a, (y + 1) * pitch - border * channels, (y + 1) * pitch, 0f);
        }
    }
}
