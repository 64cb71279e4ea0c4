package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.opencl.ops.KernelBench;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The tuner's bench: inputs, weights and the exact kernels' outputs, made once and kept for the
 * whole search (the exact kernels are slow), and each candidate's own buffers, released after
 * it. Inputs are seeded, so every search sees the same data.
 */
public final class TuningFixtures implements KernelBench, AutoCloseable {

    private final ClContext ctx;
    private final BuildOptions options;
    private final int side;
    private final Random random = new Random(20200617);
    private final Map<String, ClBuffer> kept = new HashMap<>();
    private final Map<String, float[]> weights = new HashMap<>();
    private final List<ClBuffer> keptBuffers = new ArrayList<>();
    private final List<ClBuffer> candidateBuffers = new ArrayList<>();

    public TuningFixtures(ClContext ctx, BuildOptions options, int side) {
        this.ctx = ctx;
        this.options = options;
        this.side = side;
    }

    @Override
    public ClContext context() {
        return ctx;
    }

    @Override
    public BuildOptions options() {
        return options;
    }

    @Override
    public int side() {
        return side;
    }

    @Override
    public void agree(ClBuffer want, ClBuffer got, int n, String what) {
        Tuner.agree(want, got, n, what);
    }

    /** The buffer kept under {@code key}, made by {@code make} the first time. */
    @Override
    public ClBuffer kept(String key, Supplier<ClBuffer> make) {
        ClBuffer b = kept.get(key);
        if (b == null) {
            b = make.get();
            kept.put(key, b);
        }
        return b;
    }

    /** {@code n} activations in [-1, 1), kept under {@code key}. */
    @Override
    public ClBuffer input(String key, int n) {
        return kept(key, () -> {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextFloat() * 2 - 1;
            }
            return keptUpload(v);
        });
    }

    /** {@code n} weights in [-0.2, 0.2), host side, kept under {@code key}. */
    @Override
    public float[] weights(String key, int n) {
        return weights.computeIfAbsent(key, k -> {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (random.nextFloat() * 2 - 1) * 0.2f;
            }
            return v;
        });
    }

    @Override
    public ClBuffer keptUpload(float[] data) {
        return written(keptEmpty(data.length), data);
    }

    @Override
    public ClBuffer keptEmpty(int floats) {
        return allocate(floats, keptBuffers, "tuning fixture");
    }

    /** A buffer of the candidate being tried, released by {@link #releaseCandidate}. */
    @Override
    public ClBuffer upload(float[] data) {
        return written(empty(data.length), data);
    }

    @Override
    public ClBuffer empty(int floats) {
        return allocate(floats, candidateBuffers, "tuning candidate");
    }

    private ClBuffer allocate(int floats, List<ClBuffer> owner, String what) {
        ClBuffer b = ctx.allocate(4L * Math.max(1, floats), what);
        owner.add(b);
        return b;
    }

    private static ClBuffer written(ClBuffer b, float[] data) {
        b.write(data);
        return b;
    }

    /** Frees the buffers of the candidate just tried. */
    public void releaseCandidate() {
        candidateBuffers.forEach(ClBuffer::close);
        candidateBuffers.clear();
    }

    @Override
    public void close() {
        releaseCandidate();
        keptBuffers.forEach(ClBuffer::close);
        keptBuffers.clear();
        kept.clear();
    }
}
