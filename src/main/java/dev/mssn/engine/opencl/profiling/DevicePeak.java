package dev.mssn.engine.opencl.profiling;

import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.engine.opencl.runtime.Work;

/**
 * The device's attainable fp32 rate and copy bandwidth, measured by peak.cl on the device clock:
 * the fastest of a few launches, over vector widths 1, 4 and 16 (GPUs want scalars per item, CPU
 * drivers wide vectors). Each launch grows until it takes a few milliseconds, so that small
 * devices finish quickly and large ones are filled. The profiler reports kernels as a share of these.
 */
public record DevicePeak(double gflops, double gigabytesPerSecond) {

    private static final int[] WIDTHS = {1, 4, 16};
    private static final int ITERATIONS = 256;
    private static final long MIN_LAUNCH_NANOS = 5_000_000;
    private static final int RUNS = 3;

    /** Runs the micro-benchmarks in {@code ctx}, which must be profiled into {@code profile}. */
    public static DevicePeak measure(ClContext ctx, KernelProfile profile) {
        if (!ctx.isProfiled()) {
            throw new IllegalArgumentException("measuring the peak needs a profiled context");
        }
        long maxFloats = Math.min(1L << 26, ctx.device().maxAllocBytes() / 4);
        double gflops = 0;
        double gbs = 0;
        profile.reset();
        for (int vw : WIDTHS) {
            BuildOptions options = BuildOptions.of(Storage.FP32).plus("-DVW=" + vw);
            try (ClKernel fma = new ClKernel(ctx, KernelSource.PEAK, options, "peak_fma");
                 ClKernel copy = new ClKernel(ctx, KernelSource.PEAK, options, "peak_copy")) {
                gflops = Math.max(gflops, fastest(profile, maxFloats, lanes -> {
                    long items = lanes / vw;
                    try (ClBuffer sums = ctx.allocate(4L * items, "peak sums")) {
                        fma.args(sums, 0.5f, ITERATIONS).work(new Work(16L * ITERATIONS * lanes, 4 * items)).launch(items);
                        return profile.collectFastest().get(0);
                    }
                }).gflops());
                gbs = Math.max(gbs, fastest(profile, maxFloats, floats -> {
                    try (ClBuffer in = ctx.allocate(4L * floats, "peak copy source"); ClBuffer out = ctx.allocate(4L * floats, "peak copy target")) {
                        copy.args(in, out).work(new Work(0, 8L * floats)).launch(floats / vw);
                        return profile.collectFastest().get(0);
                    }
                }).gigabytesPerSecond());
            }
        }
        return new DevicePeak(gflops, gbs);
    }

    private interface Launch {
        KernelProfile.Entry run(long size);
    }

    /** Doubles the size from 2^16 until a launch takes MIN_LAUNCH_NANOS (or reaches {@code max}), then the best of RUNS there. */
    private static KernelProfile.Entry fastest(KernelProfile profile, long max, Launch launch) {
        long size = 1 << 16;
        while (true) {
            profile.reset();
            KernelProfile.Entry e = launch.run(size);
            if (e.totalNanos() >= MIN_LAUNCH_NANOS || size * 2 > max) {
                break;
            }
            size *= 2;
        }
        profile.reset();
        KernelProfile.Entry best = null;
        for (int r = 0; r < RUNS; r++) {
            KernelProfile.Entry e = launch.run(size);
            best = best == null || e.totalNanos() < best.totalNanos() ? e : best;
        }
        profile.reset();
        return best;
    }
}
