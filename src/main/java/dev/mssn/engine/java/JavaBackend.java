package dev.mssn.engine.java;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.Storage;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import java.util.concurrent.ForkJoinPool;

/** The plain-Java path: the test oracle, and what runs when no OpenCL device exists. */
public final class JavaBackend implements Backend {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JavaBackend.class);

    private final ForkJoinPool pool;
    private final int threads;

    /** @param threads worker threads for one network call; 1 runs on the caller's thread */
    public JavaBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    public JavaBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public int tileSide(ModelSpec spec, Storage precision) {
        return 128; // keeps the per-tile activations (about 2 KB per LR pixel for MSSN-M) within a few tens of MB
    }

    @Override
    public boolean usesHostCores() {
        return true;
    }

    @Override
    public String describe() {
        return describe(threads);
    }

    /** What a backend with {@code threads} threads describes itself as. */
    public static String describe(int threads) {
        return "java (" + threads + " threads)";
    }

    @Override
    public Network load(MssnParameters parameters, Storage precision) {
        if (precision != Storage.FP32) {
            log.warn("the plain-Java path keeps activations in fp32; {} storage applies to OpenCL devices only", precision);
        }
        return new JavaNetwork(parameters, new Parallel(pool));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
