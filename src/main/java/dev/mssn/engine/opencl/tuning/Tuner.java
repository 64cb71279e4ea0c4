package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.DeviceException;
import dev.mssn.engine.opencl.ClBuffer;
import dev.mssn.engine.opencl.ClContext;
import dev.mssn.engine.opencl.KernelProfile;
import dev.mssn.engine.opencl.ops.ClDenseConv;
import dev.mssn.engine.opencl.ops.ClDenseConvFast;
import dev.mssn.engine.opencl.ops.ClDepthwiseConv;
import dev.mssn.engine.opencl.ops.ClDepthwiseConvFast;
import dev.mssn.engine.opencl.ops.ClExpandDepthwiseFused;
import dev.mssn.engine.opencl.ops.ClPointwiseConv;
import dev.mssn.engine.opencl.ops.ClPointwiseConvFast;
import dev.mssn.model.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Searches each fast kernel's launch parameters on one device, as CLBlast's tuners do: every
 * candidate runs at the convolution shapes of MSSN-M and MSSN-S on a square tile, is rejected if
 * it fails to build or launch or if its output disagrees with the exact kernel's, and the rest
 * are timed on the device clock (mean of the timed runs, summed over the shapes). The fastest of
 * each kernel makes the entry; the fused expansion+depthwise kernel goes in only if its best
 * beats the best expansion and depthwise kernels run one after the other.
 */
public final class Tuner {

    /** Outputs may differ from the exact kernel's by this share of the largest output (fma vs separate rounding). */
    static final double AGREEMENT = 1e-3;
    private static final int[] VECTOR_WIDTHS = {1, 2, 4, 8, 16};
    private static final int[] LOCAL_SIZES = {1, 16, 64, 256};
    private static final String OPTIONS = "-DOUT_PER_ITEM=4";

    /** One candidate's fate: its summed device time, or why it was rejected. */
    public record Trial(String kernel, LaunchParams params, double micros, String rejected) {}

    private final ClContext ctx;
    private final KernelProfile profile;
    private final int side;
    private final int runs;
    private final long maxWorkGroup;
    private final Consumer<String> log;
    private final List<Trial> trials = new ArrayList<>();
    private final List<ClBuffer> buffers = new ArrayList<>();
    private final Random random = new Random(20200617);

    /** @param ctx a context made with {@code profile}, which times the candidates */
    public Tuner(ClContext ctx, KernelProfile profile, int side, int runs, long maxWorkGroup, Consumer<String> log) {
        if (side < 1 || runs < 1) {
            throw new IllegalArgumentException("tile side and runs must be positive");
        }
        this.ctx = ctx;
        this.profile = profile;
        this.side = side;
        this.runs = runs;
        this.maxWorkGroup = maxWorkGroup;
        this.log = log;
    }

    public List<Trial> trials() {
        return List.copyOf(trials);
    }

    /** Tunes all three fast kernels and returns the entry for {@code key}. */
    public TuningEntry tune(String key) {
        LaunchParams pointwise = best("pointwise", candidates(new int[] {4, 8, 16}, new int[] {1, 2, 0}), this::pointwise);
        LaunchParams depthwise = best("depthwise", candidates(new int[] {1}, new int[] {1}), this::depthwise);
        LaunchParams dense = best("dense", candidates(new int[] {2, 4, 8}, new int[] {1}), this::dense);
        double apart = expandThenDepthwise(pointwise, depthwise);
        log.accept(String.format(Locale.ROOT, "%-9s %-30s %10.1f us", "apart", "expansion, then depthwise", apart));
        List<LaunchParams> fusedCandidates = candidates(new int[] {8, 16}, new int[] {4, 16}).stream()
                .filter(p -> p.vw() * p.localX() >= 4 && p.localX() <= 64).toList();
        LaunchParams fused = best("fused", fusedCandidates, this::fused);
        double fusedMicros = micros("fused", fused);
        String measured = String.format(Locale.ROOT, "bin/mssn tune on %s, %dx%d tiles, MSSN-M and MSSN-S shapes, fp32: "
                + "pointwise %.0f us, depthwise %.0f us, dense %.0f us, expansion+depthwise %.0f us apart, %.0f us fused",
                java.time.LocalDate.now(), side, side, micros("pointwise", pointwise), micros("depthwise", depthwise),
                micros("dense", dense), apart, fusedMicros);
        return new TuningEntry(key, "tuned", pointwise, depthwise, dense, fusedMicros < apart ? fused : null, measured);
    }

    private double micros(String kernel, LaunchParams p) {
        return trials.stream().filter(t -> t.kernel().equals(kernel) && t.params().equals(p) && t.rejected() == null)
                .mapToDouble(Trial::micros).min().orElseThrow();
    }

    private List<LaunchParams> candidates(int[] perItem, int[] blocks) {
        List<LaunchParams> out = new ArrayList<>();
        for (int vw : VECTOR_WIDTHS) {
            for (int n : perItem) {
                for (int b : blocks) {
                    for (int local : LOCAL_SIZES) {
                        if (local <= maxWorkGroup) {
                            out.add(new LaunchParams(vw, n, b, local));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Runs a candidate at all shapes: its device time in microseconds, checked against the exact kernel. */
    private interface Candidate {
        double run(LaunchParams params);
    }

    private LaunchParams best(String kernel, List<LaunchParams> candidates, Candidate candidate) {
        LaunchParams best = null;
        double bestMicros = Double.MAX_VALUE;
        for (LaunchParams p : candidates) {
            try {
                double micros = candidate.run(p);
                trials.add(new Trial(kernel, p, micros, null));
                log.accept(String.format(Locale.ROOT, "%-9s %-30s %10.1f us", kernel, p, micros));
                if (micros < bestMicros) {
                    bestMicros = micros;
                    best = p;
                }
            } catch (DeviceException | DisagreementException e) {
                trials.add(new Trial(kernel, p, Double.NaN, e.getMessage()));
                log.accept(String.format(Locale.ROOT, "%-9s %-30s rejected: %s", kernel, p, firstLine(e.getMessage())));
            } finally {
                buffers.forEach(ClBuffer::close);
                buffers.clear();
            }
        }
        if (best == null) {
            throw new IllegalStateException("no " + kernel + " candidate ran correctly on " + ctx.device().describe());
        }
        return best;
    }

    private static String firstLine(String s) {
        int n = s.indexOf('\n');
        return n < 0 ? s : s.substring(0, n);
    }

    private static final class DisagreementException extends RuntimeException {
        DisagreementException(String message) {
            super(message);
        }
    }

    private double pointwise(LaunchParams params) {
        int plane = side * side;
        double total = 0;
        try (ClPointwiseConv exact = new ClPointwiseConv(ctx, OPTIONS, 4); ClPointwiseConvFast fast = new ClPointwiseConvFast(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int c = v.channels();
                int hid = v.hidden();
                ClBuffer x = random(c * plane);
                ClBuffer t = random(hid * plane);
                float[] expandW = weights(c * hid);
                float[] projectW = weights(c * hid);
                ClBuffer expandExact = upload(expandW);
                ClBuffer projectExact = upload(projectW);
                ClBuffer expandFast = upload(fast.pack(expandW, c, hid));
                ClBuffer projectFast = upload(fast.pack(projectW, hid, c));
                ClBuffer want = empty(hid * plane);
                ClBuffer got = empty(hid * plane);
                exact.expandRelu6(x, expandExact, want, c, hid, plane);
                total += timed(() -> fast.expandRelu6(x, expandFast, got, c, hid, plane));
                agree(want, got, hid * plane, "expand " + c + "->" + hid);
                ClBuffer want2 = empty(c * plane);
                ClBuffer got2 = empty(c * plane);
                exact.projectFuse(t, projectExact, x, want2, hid, c, plane, 0.7f, 1.1f);
                total += timed(() -> fast.projectFuse(t, projectFast, x, got2, hid, c, plane, 0.7f, 1.1f));
                agree(want2, got2, c * plane, "project " + hid + "->" + c);
            }
        }
        return total;
    }

    private double depthwise(LaunchParams params) {
        double total = 0;
        try (ClDepthwiseConv exact = new ClDepthwiseConv(ctx, OPTIONS); ClDepthwiseConvFast fast = new ClDepthwiseConvFast(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int n = v.hidden() * side * side;
                ClBuffer in = random(n);
                ClBuffer w = upload(weights(v.hidden() * 9));
                ClBuffer want = empty(n);
                ClBuffer got = empty(n);
                exact.run(in, w, want, v.hidden(), side, side);
                total += timed(() -> fast.run(in, w, got, v.hidden(), side, side));
                agree(want, got, n, "depthwise " + v.hidden());
            }
        }
        return total;
    }

    /** Head (3 to C, 3x3), skip (3 to 12, 5x5) and tail (C to 12, 3x3) of the x2 models. */
    private double dense(LaunchParams params) {
        int plane = side * side;
        double total = 0;
        try (ClDenseConv exact = new ClDenseConv(ctx, OPTIONS); ClDenseConvFast fast = new ClDenseConvFast(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int[][] shapes = {{3, v.channels(), 3}, {3, 12, 5}, {v.channels(), 12, 3}};
                for (int[] s : shapes) {
                    int cin = s[0];
                    int cout = s[1];
                    int k = s[2];
                    ClBuffer in = random(cin * plane);
                    float[] w = weights(cout * cin * k * k);
                    float[] b = weights(cout);
                    ClBuffer want = empty(cout * plane);
                    ClBuffer got = empty(cout * plane);
                    exact.run(in, upload(w), upload(b), want, cin, cout, k, side, side);
                    ClBuffer wf = upload(fast.packWeight(w, cin, cout, k));
                    ClBuffer bf = upload(fast.packBias(b));
                    total += timed(() -> fast.run(in, wf, bf, got, cin, cout, k, side, side));
                    agree(want, got, cout * plane, "dense " + cin + "->" + cout + " k" + k);
                }
            }
        }
        return total;
    }

    /** The expansion and depthwise kernels one after the other, at both models' shapes. */
    private double expandThenDepthwise(LaunchParams pointwiseParams, LaunchParams depthwiseParams) {
        int plane = side * side;
        double total = 0;
        try (ClPointwiseConvFast pw = new ClPointwiseConvFast(ctx, OPTIONS, pointwiseParams);
             ClDepthwiseConvFast dw = new ClDepthwiseConvFast(ctx, OPTIONS, depthwiseParams)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int c = v.channels();
                int hid = v.hidden();
                ClBuffer x = random(c * plane);
                ClBuffer we = upload(pw.pack(weights(c * hid), c, hid));
                ClBuffer wd = upload(weights(hid * 9));
                ClBuffer t1 = empty(hid * plane);
                ClBuffer t2 = empty(hid * plane);
                total += timed(() -> {
                    pw.expandRelu6(x, we, t1, c, hid, plane);
                    dw.run(t1, wd, t2, hid, side, side);
                });
            }
        } finally {
            buffers.forEach(ClBuffer::close);
            buffers.clear();
        }
        return total;
    }

    private double fused(LaunchParams params) {
        double total = 0;
        try (ClPointwiseConv expandExact = new ClPointwiseConv(ctx, OPTIONS, 4); ClDepthwiseConv dwExact = new ClDepthwiseConv(ctx, OPTIONS);
             ClExpandDepthwiseFused fused = new ClExpandDepthwiseFused(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int c = v.channels();
                int hid = v.hidden();
                int n = hid * side * side;
                ClBuffer x = random(c * side * side);
                float[] we = weights(c * hid);
                ClBuffer wd = upload(weights(hid * 9));
                ClBuffer t1 = empty(n);
                ClBuffer want = empty(n);
                ClBuffer got = empty(n);
                expandExact.expandRelu6(x, upload(we), t1, c, hid, side * side);
                dwExact.run(t1, wd, want, hid, side, side);
                ClBuffer packed = upload(fused.pack(we, c, hid));
                total += timed(() -> fused.run(x, packed, wd, got, c, hid, side, side));
                agree(want, got, n, "expand+depthwise " + c + "->" + hid);
            }
        }
        return total;
    }

    /** Mean device time of the timed runs, after one run that also warms the kernel up. */
    private double timed(Runnable launch) {
        launch.run();
        profile.reset();
        for (int r = 0; r < runs; r++) {
            launch.run();
        }
        long nanos = profile.collect().stream().mapToLong(KernelProfile.Entry::totalNanos).sum();
        profile.reset();
        return nanos / 1e3 / runs;
    }

    private void agree(ClBuffer want, ClBuffer got, int n, String what) {
        float[] a = new float[n];
        float[] b = new float[n];
        want.read(a);
        got.read(b);
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(a[i]));
            double d = Math.abs(a[i] - b[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        if (worst > AGREEMENT * Math.max(largest, 1e-6)) {
            throw new DisagreementException(what + ": differs from the exact kernel by " + worst + " (largest output " + largest + ")");
        }
    }

    private ClBuffer random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return upload(v);
    }

    private float[] weights(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * 0.2f;
        }
        return v;
    }

    private ClBuffer upload(float[] data) {
        ClBuffer b = empty(data.length);
        b.write(data);
        return b;
    }

    private ClBuffer empty(int floats) {
        ClBuffer b = ctx.allocate(4L * Math.max(1, floats), "tuning");
        buffers.add(b);
        return b;
    }
}
