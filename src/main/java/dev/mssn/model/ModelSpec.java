package dev.mssn.model;

import java.util.List;

/**
 * What a weights file describes: variant, scale and which stored lambda_res each block uses.
 *
 * <p>The lambda mapping is identity for models trained here; the authors' 6-block MSSN reuses
 * lambda_res[2] and [3] for blocks 4 and 5, and its weights depend on that.
 */
public record ModelSpec(Variant variant, int scale, List<Integer> lambdaResIndex) {

    public ModelSpec {
        if (scale < 2 || scale > 4) {
            throw new IllegalArgumentException("scale must be 2, 3 or 4, got " + scale);
        }
        lambdaResIndex = List.copyOf(lambdaResIndex);
        if (lambdaResIndex.size() != variant.blocks()) {
            throw new IllegalArgumentException(variant.displayName() + " has " + variant.blocks()
                    + " blocks but the lambda_res mapping has " + lambdaResIndex.size() + " entries");
        }
        for (int i : lambdaResIndex) {
            if (i < 0 || i >= variant.blocks()) {
                throw new IllegalArgumentException("lambda_res index " + i + " out of range 0.." + (variant.blocks() - 1));
            }
        }
    }

    /** A spec with the identity lambda mapping (block i uses lambda_res[i]). */
    public static ModelSpec of(Variant variant, int scale) {
        return new ModelSpec(variant, scale, java.util.stream.IntStream.range(0, variant.blocks()).boxed().toList());
    }

    public int channels() { return variant.channels(); }
    public int hidden() { return variant.hidden(); }
    public int blocks() { return variant.blocks(); }
    /** Output channels of the tail and skip convolutions before the pixel shuffle. */
    public int shuffleChannels() { return 3 * scale * scale; }
    /** Number of lambda_res values stored in the file (the largest index used, plus one). */
    public int storedLambdaRes() { return lambdaResIndex.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1; }

    /**
     * Convolution multiply-adds per LR pixel (the AWSRN/CARN convention docs/mssn.md uses):
     * head 3x3 (3 to C), skip 5x5 and tail 3x3 (to 3s^2), and per unit expand, depthwise and
     * project. MSSN-M x2: 290 116, so 66.8 G for a 1280x720 output.
     */
    public long multiplyAddsPerLrPixel() {
        long c = channels();
        long h = hidden();
        long units = (long) blocks() * Variant.UNITS_PER_BLOCK;
        return 27 * c + 75L * shuffleChannels() + 9 * c * shuffleChannels() + units * (2 * c * h + 9 * h);
    }

    /**
     * LR pixels an output pixel depends on in each direction: head 3x3 (1), each unit's depthwise
     * 3x3 (1), tail 3x3 (1); the 5x5 skip (2) is inside that.
     */
    public int receptiveRadius() {
        return 1 + blocks() * Variant.UNITS_PER_BLOCK + 1;
    }

    @Override
    public String toString() {
        return variant.displayName() + " x" + scale;
    }
}
