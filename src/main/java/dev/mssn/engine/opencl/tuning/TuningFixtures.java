package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.ops.KernelBench;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The tuner's bench: inputs, weights and the exact kernels' outputs, made once and kept for the
 * whole search (the exact kernels are slow), and each candidate's own buffers, released after
 * it. Inputs are seeded, so every search sees the same data. Activations are stored as the
 * build options say: with fp16 storage the inputs are halves (values a half holds exactly) and
 * outputs are read back as halves.
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
        Tuner.agree(activations(want, n), activations(got, n), half() ? Tuner.AGREEMENT_FP16 : Tuner.AGREEMENT,
                what + (half() ? " (fp16 storage)" : ""));
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

    /** {@code n} activations in [-1, 1) (multiples of 2^-10, which halves hold exactly), kept under {@code key}. */
    @Override
    public ClBuffer input(String key, int n) {
        return kept(key, () -> {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (random.nextInt(2048) - 1024) / 1024f;
            }
            if (!half()) {
                return keptUpload(v);
            }
            ByteBuffer bytes = ByteBuffer.allocate(2 * n).order(deviceOrder());
            for (float f : v) {
                bytes.putShort(halfBits(f));
            }
            ClBuffer b = keptEmpty(n);
            b.write(bytes.array());
            return b;
        });
    }

    private boolean half() {
        return options.storage() == Storage.FP16;
    }

    private ByteOrder deviceOrder() {
        return ctx.device().littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /** The bits of a half that holds {@code exact} exactly (a multiple of 2^-10 below 1 in magnitude, as {@link #input} makes). */
    static short halfBits(float exact) {
        int sign = Float.floatToRawIntBits(exact) < 0 ? 0x8000 : 0;
        float a = Math.abs(exact);
        if (a == 0) {
            return (short) sign;
        }
        int e = Math.getExponent(a);
        return (short) (sign | (e + 15) << 10 | (Math.round(Math.scalb(a, 10 - e)) - 1024));
    }

    /** The float a half's bits stand for. */
    static float halfValue(short bits) {
        int e = (bits >> 10) & 0x1f;
        int m = bits & 0x3ff;
        float v = e == 0 ? m * 0x1p-24f : e == 31 ? (m == 0 ? Float.POSITIVE_INFINITY : Float.NaN) : Math.scalb(1024f + m, e - 25);
        return (bits & 0x8000) != 0 ? -v : v;
    }

    /** The first {@code n} activations of {@code b}, as floats. */
    private float[] activations(ClBuffer b, int n) {
        float[] out = new float[n];
        if (!half()) {
            float[] all = new float[(int) (b.bytes() / 4)];
            b.read(all);
            System.arraycopy(all, 0, out, 0, n);
            return out;
        }
        byte[] raw = new byte[(int) b.bytes()];
        b.read(raw);
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(deviceOrder());
        for (int i = 0; i < n; i++) {
            out[i] = halfValue(bytes.getShort(2 * i));
        }
        return out;
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

    /**
     * A buffer filled with NaN (all bits set: NaN as floats and as halves), so that an output a
     * kernel leaves unwritten fails the check instead of passing on what an earlier candidate
     * left in the same memory.
     */
    private ClBuffer allocate(int floats, List<ClBuffer> owner, String what) {
        ClBuffer b = ctx.allocate(4L * Math.max(1, floats), what);
        owner.add(b);
        byte[] poison = new byte[(int) b.bytes()];
        Arrays.fill(poison, (byte) 0xff);
        b.write(poison);
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
