package dev.mssn.engine.opencl.runtime;

/**
 * What one kernel launch must do at the least: floating-point operations (a multiply-add is two)
 * and bytes moved to and from global memory if every value is read or written once. The profiler
 * divides them by device time; the bytes are a lower bound, so GB/s is the effective bandwidth.
 * {@code e} is the bytes of a stored activation (4, or 2 with fp16 storage); weights are floats.
 */
public record Work(long flops, long bytes) {

    public static final Work NONE = new Work(0, 0);

    /** 1x1 convolution; {@code residual}: the projection's weighted add of y. */
    public static Work pointwise(int cin, int cout, long plane, int e, boolean residual) {
        long flops = 2L * cin * cout * plane + (residual ? 3L * cout * plane : 0);
        long bytes = (long) e * (cin + cout) * plane + 4L * cin * cout + (residual ? (long) e * cout * plane : 0);
        return new Work(flops, bytes);
    }

    public static Work depthwise(int channels, long plane, int e) {
        return new Work(18L * channels * plane, 2L * e * channels * plane + 36L * channels);
    }

    public static Work dense(int cin, int cout, int k, long plane, int e) {
        return new Work(2L * cin * cout * k * k * plane, (long) e * (cin + cout) * plane + 4L * cout * (cin * k * k + 1));
    }

    /** Expansion and depthwise fused: the expanded tensor never reaches global memory. */
    public static Work expandDepthwise(int cin, int hidden, long plane, int e) {
        return new Work((2L * cin * hidden + 18L * hidden) * plane, (long) e * (cin + hidden) * plane + 4L * hidden * (cin + 9));
    }

    public static Work weightedSum(long n, int e) {
        return new Work(3L * n, 3L * e * n);
    }

    public static Work normalise(long plane, int sampleBytes, int e) {
        return new Work(6L * plane, plane * 3 * (sampleBytes + e));
    }

    public static Work shuffle(long outPixels, int sampleBytes, int e) {
        return new Work(9L * outPixels, outPixels * 3 * (2L * e + sampleBytes));
    }
}
