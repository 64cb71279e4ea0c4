package dev.mssn.engine.opencl;

import java.util.List;

/**
 * The device's attainable fp32 rate and copy bandwidth, measured by peak.cl on the device clock:
 * the best of a few runs, over vector widths 1, 4 and 16 (GPUs want scalars per item, CPU
 * drivers wide vectors). The profiler reports kernels as a share of these.
 */
public record DevicePeak(double gflops, double gigabytesPerSecond) {

    private static final int[] WIDTHS = {1, 4, 16};
    private static final int LANES = 1 << 22;
    private static final int ITERATIONS = 256;
    private static final int RUNS = 3;

    /** Runs the micro-benchmarks in {@code ctx}, which must be profiled into {@code profile}. */
    public static DevicePeak measure(ClContext ctx, KernelProfile profile) {
        if (!ctx.isProfiled()) {
            throw new IllegalArgumentException("measuring the peak needs a profiled context");
        }
        long copyFloats = Math.min(1L << 26, ctx.device().maxAllocBytes() / 4 / 2);
        copyFloats -= copyFloats % 16;
        double gflops = 0;
        double gbs = 0;
        profile.reset();
        try (ClBuffer sums = ctx.allocate(4L * LANES, "peak sums");
             ClBuffer in = ctx.allocate(4L * copyFloats, "peak copy source");
             ClBuffer out = ctx.allocate(4L * copyFloats, "peak copy target")) {
            for (int vw : WIDTHS) {
                String options = "-DVW=" + vw;
                try (ClKernel fma = new ClKernel(ctx, KernelSource.PEAK, options, "peak_fma");
                     ClKernel copy = new ClKernel(ctx, KernelSource.PEAK, options, "peak_copy")) {
                    long items = LANES / vw;
                    long flops = 16L * vw * ITERATIONS * items;
                    for (int r = 0; r < RUNS; r++) {
                        fma.args(sums, 0.5f, ITERATIONS).work(new Work(flops, 4 * items)).launch(items);
                        copy.args(in, out).work(new Work(0, 8 * copyFloats)).launch(copyFloats / vw);
                    }
                    for (KernelProfile.Entry e : bestRuns(profile)) {
                        if (e.name().equals("peak_fma")) {
                            gflops = Math.max(gflops, e.gflops());
                        } else {
                            gbs = Math.max(gbs, e.gigabytesPerSecond());
                        }
                    }
                }
            }
        }
        return new DevicePeak(gflops, gbs);
    }

    /** The fastest launch of each micro-benchmark since the last reset. */
    private static List<KernelProfile.Entry> bestRuns(KernelProfile profile) {
        List<KernelProfile.Entry> best = profile.collectFastest();
        profile.reset();
        return best;
    }
}
