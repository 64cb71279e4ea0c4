package dev.mssn.engine.cpu;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.Storage;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast CPU path: fused, cache-blocked MAWRUs on channels-last rows, vectorised with
 * {@code jdk.incubator.vector} when the JVM has it (scalar otherwise), over strips of rows on
 * this backend's own threads. Results are the same for any thread count and tile size, and
 * within one 8-bit level of the plain-Java reference ({@code engine.java}).
 */
public final class CpuBackend implements Backend {

    private static final Logger log = LoggerFactory.getLogger(CpuBackend.class);

    /** Tiles are at most this side; larger ones would cut the halo overhead little and cost memory. */
    static final int LARGEST_TILE = 512;
    /** Activations of one tile take at most 1 / HEAP_SHARE of the heap... */
    private static final int HEAP_SHARE = 4;
    /** ...and at most this many bytes. */
    private static final long TILE_BYTES_CAP = 320L << 20;

    private final Kernels kernels;
    private final RowParallel parallel;

    /** The fastest kernels this JVM offers, on all available processors. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors(), true);
    }

    /**
     * @param threads     threads one network call uses (the caller's among them)
     * @param allowVector false forces the scalar kernels, which give the same results
     */
    public CpuBackend(int threads, boolean allowVector) {
        this.kernels = KernelsLoader.load(allowVector);
        this.parallel = new RowParallel(threads);
    }

    /**
     * This backend's peak in GFLOP/s, measured now: its kernels' multiply-add chains
     * ({@link Kernels#peakFlops}) on all its threads at once, in rounds grown to a tenth of
     * {@code millis}, the best round counted (the first ones run before the JIT has compiled the
     * chains into vector instructions). What the network's GFLOP/s are a fraction of.
     */
    public double measurePeakGflops(long millis) {
        long[] flops = new long[parallel.threads()];
        long roundNanos = millis * 100_000L;
        int iterations = 1 << 12;
        double best = 0;
        for (int round = 0; round < 20; round++) {
            int n = iterations;
            long start = System.nanoTime();
            parallel.runOnEveryThread((thread, from, to) -> flops[thread] = kernels.peakFlops(n));
            long elapsed = System.nanoTime() - start;
            best = Math.max(best, java.util.Arrays.stream(flops).sum() / (double) elapsed);
            if (elapsed < roundNanos && iterations < 1 << 28) {
                iterations *= 2;
            }
        }
        return best;
    }

    @Override
    public boolean usesHostCores() {
        return true;
    }

    @Override
    public String describe() {
        return describe(parallel.threads(), kernels);
    }

    private static String describe(int threads, Kernels kernels) {
        return "cpu (" + threads + " threads, " + kernels.describe() + ")";
    }

    /** What {@code new CpuBackend()} describes itself as, without starting its threads (worked out once). */
    public static String describeDefault() {
        return DefaultDescription.TEXT;
    }

    private static final class DefaultDescription {
        static final String TEXT = describe(Runtime.getRuntime().availableProcessors(), KernelsLoader.load(true));
    }

    /** True when the vectorised kernels run. */
    public boolean vectorised() {
        return !(kernels instanceof ScalarKernels);
    }

    @Override
    public Network load(MssnParameters parameters, Storage precision) {
        if (precision != Storage.FP32) {
            log.warn("the CPU path keeps activations in fp32; {} storage applies to OpenCL devices only", precision);
        }
        return new CpuNetwork(parameters, kernels, parallel);
    }

    /**
     * The largest side up to {@value #LARGEST_TILE}, in steps of 16, whose tile (with its halo)
     * fits a quarter of the heap and {@value #TILE_BYTES_CAP} bytes: large tiles waste little on halos.
     */
    @Override
    public int tileSide(ModelSpec spec, Storage precision) {
        long budget = Math.min(TILE_BYTES_CAP, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
        int halo = 2 * spec.receptiveRadius();
        int padded = PackedModel.roundUp(spec.shuffleChannels(), kernels.lanes());
        for (int side = LARGEST_TILE; side > 16; side -= 16) {
            if (TileBuffers.bytes(side + halo, side + halo, spec.channels(), spec.hidden(), padded, parallel.maxPieces()) <= budget) {
                return side;
            }
        }
        return 16;
    }

    @Override
    public void close() {
        parallel.close();
    }
}
