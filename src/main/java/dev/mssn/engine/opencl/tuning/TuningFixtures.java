package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The tuner's device buffers: inputs, weights and the exact kernels' outputs, made once and
 * kept for the whole search (the exact kernels are slow), and each candidate's own buffers,
 * released after it. Inputs are seeded, so every search sees the same data.
 */
final class TuningFixtures implements AutoCloseable {

    private final ClContext ctx;
    private final Random random = new Random(20200617);
    private final Map<String, ClBuffer> kept = new HashMap<>();
    private final Map<String, float[]> weights = new HashMap<>();
    private final List<ClBuffer> keptBuffers = new ArrayList<>();
    private final List<ClBuffer> candidateBuffers = new ArrayList<>();

    TuningFixtures(ClContext ctx) {
        this.ctx = ctx;
    }

    /** The buffer kept under {@code key}, made by {@code make} the first time. */
    ClBuffer kept(String key, Supplier<ClBuffer> make) {
        ClBuffer b = kept.get(key);
        if (b == null) {
            b = make.get();
            kept.put(key, b);
        }
        return b;
    }

    /** {@code n} activations in [-1, 1), kept under {@code key}. */
    ClBuffer input(String key, int n) {
        return kept(key, () -> {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextFloat() * 2 - 1;
            }
            return keptUpload(v);
        });
    }

    /** {@code n} weights in [-0.2, 0.2), host side, kept under {@code key}. */
    float[] weights(String key, int n) {
        return weights.computeIfAbsent(key, k -> {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (random.nextFloat() * 2 - 1) * 0.2f;
            }
            return v;
        });
    }

    ClBuffer keptUpload(float[] data) {
        return written(keptEmpty(data.length), data);
    }

    ClBuffer keptEmpty(int floats) {
        return allocate(floats, keptBuffers, "tuning fixture");
    }

    /** A buffer of the candidate being tried, released by {@link #releaseCandidate}. */
    ClBuffer upload(float[] data) {
        return written(empty(data.length), data);
    }

    ClBuffer empty(int floats) {
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

    void releaseCandidate() {
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
