package dev.mssn.testutil;

import java.util.SplittableRandom;

/** Deterministic test data; every test states its seed so a failure can be replayed. */
public final class SeededRandom {

    private final SplittableRandom random;
    private final long seed;

    public SeededRandom(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** Uniform values in [-scale, scale). */
    public float[] floats(int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return out;
    }

    public byte[] bytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    public float nextFloat(float lo, float hi) {
        return (float) (lo + random.nextDouble() * (hi - lo));
    }
}
