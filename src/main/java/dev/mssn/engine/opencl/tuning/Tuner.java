package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.engine.opencl.ops.ClDenseConv;
import dev.mssn.engine.opencl.ops.ClDenseConvFast;
import dev.mssn.engine.opencl.ops.ClDepthwiseConv;
import dev.mssn.engine.opencl.ops.ClDepthwiseConvFast;
import dev.mssn.engine.opencl.ops.ClExpandDepthwiseFused;
import dev.mssn.engine.opencl.ops.ClPointwiseConv;
import dev.mssn.engine.opencl.ops.ClPointwiseConvFast;
import dev.mssn.model.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Searches each fast kernel's launch parameters on one device, as CLBlast's tuners do: every
 * candidate runs at the convolution shapes of MSSN-M and MSSN-S on a square tile, is rejected if
 * it fails to build or launch or if its output disagrees with the exact kernel's, and the rest
 * are timed on the device clock (fastest of the timed runs, summed over the shapes); a candidate
 * whose first runs alone take three times the best total so far is dropped untimed. Each
 * kernel's three fastest are timed again twice, alternating, and the fastest then makes the
 * entry; the fused expansion+depthwise kernel goes in only if its best beats the best expansion
 * and depthwise kernels run one after the other.
 */
public final class Tuner {

    /** Outputs may differ from the exact kernel's by this share of the largest output (fma vs separate rounding). */
    static final double AGREEMENT = 1e-3;
    private static final int[] VECTOR_WIDTHS = {1, 2, 4, 8, 16};
    private static final int[] LOCAL_SIZES = {1, 16, 64, 256};
    private static final BuildOptions OPTIONS = BuildOptions.of(Storage.FP32).plus("-DOUT_PER_ITEM=4");

    /** One candidate's fate: its summed device time, or why it was rejected. */
    public record Trial(String kernel, LaunchParams params, double micros, String rejected) {}

    private final ClContext ctx;
    private final KernelProfile profile;
    private final int side;
    private final int runs;
    private final long maxWorkGroup;
    private final Consumer<String> log;
    private final List<Trial> trials = new ArrayList<>();
    private final TuningFixtures fixtures;
    /** A candidate is dropped once its first timed runs alone take this long (three times the best so far). */
    private double budgetMicros;
    private double spentMicros;

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
        this.fixtures = new TuningFixtures(ctx);
    }

    public List<Trial> trials() {
        return List.copyOf(trials);
    }

    /**
     * Tunes the fast kernels and returns the entry for {@code key}. The parameters of
     * {@code current} (the entry the device uses now) are tried first, so that they set the bar
     * slow candidates are dropped against.
     */
    public TuningEntry tune(String key, TuningEntry current) {
        try {
            return search(key, current);
        } finally {
            fixtures.close();
        }
    }

    private TuningEntry search(String key, TuningEntry current) {
        LaunchParams pointwise = best("pointwise", first(current.pointwise(), candidates(new int[] {4, 8, 16}, new int[] {1, 2, 0})),
                this::pointwise);
        LaunchParams depthwise = best("depthwise", first(current.depthwise(), candidates(new int[] {1}, new int[] {1})), this::depthwise);
        LaunchParams dense = best("dense", first(current.dense(), candidates(new int[] {2, 4, 8}, new int[] {1})), this::dense);
        double apart = expandThenDepthwise(pointwise, depthwise);
        log.accept(String.format(Locale.ROOT, "%-9s %-30s %10.1f us", "apart", "expansion, then depthwise", apart));
        List<LaunchParams> fusedCandidates = candidates(new int[] {8, 16}, new int[] {4, 16}).stream()
                .filter(p -> p.vw() * p.localX() >= 4 && p.localX() <= 64).toList();
        LaunchParams fused = best("fused", first(current.expandDepthwise(), fusedCandidates), this::fused);
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

    /** {@code candidates} with {@code head} moved to the front (added if missing; nothing done when null). */
    private static List<LaunchParams> first(LaunchParams head, List<LaunchParams> candidates) {
        if (head == null) {
            return candidates;
        }
        List<LaunchParams> out = new ArrayList<>();
        out.add(head);
        candidates.stream().filter(p -> !p.equals(head)).forEach(out::add);
        return out;
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
            budgetMicros = 3 * bestMicros;
            spentMicros = 0;
            try {
                double micros = candidate.run(p);
                trials.add(new Trial(kernel, p, micros, null));
                log.accept(String.format(Locale.ROOT, "%-9s %-30s %10.1f us", kernel, p, micros));
                if (micros < bestMicros) {
                    bestMicros = micros;
                    best = p;
                }
            } catch (DeviceFailure | DisagreementException | TooSlowException | IllegalArgumentException e) {
                trials.add(new Trial(kernel, p, Double.NaN, e.getMessage()));
                log.accept(String.format(Locale.ROOT, "%-9s %-30s rejected: %s", kernel, p, firstLine(e.getMessage())));
            } finally {
                fixtures.releaseCandidate();
            }
        }
        if (best == null) {
            throw new IllegalStateException("no " + kernel + " candidate ran correctly on " + ctx.device().describe());
        }
        return final3(kernel, candidate);
    }

    /**
     * The first pass's three fastest, timed again in two alternating rounds: on a busy machine a
     * single lucky or unlucky pass should not decide. The fastest time each reached decides.
     */
    private LaunchParams final3(String kernel, Candidate candidate) {
        List<Trial> finalists = trials.stream().filter(t -> t.kernel().equals(kernel) && t.rejected() == null)
                .sorted(Comparator.comparingDouble(Trial::micros)).limit(3).toList();
        Map<LaunchParams, Double> fastest = new LinkedHashMap<>();
        finalists.forEach(t -> fastest.put(t.params(), t.micros()));
        for (int round = 0; round < 2; round++) {
            for (Trial t : finalists) {
                budgetMicros = Double.MAX_VALUE;
                try {
                    fastest.merge(t.params(), candidate.run(t.params()), Math::min);
                } finally {
                    fixtures.releaseCandidate();
                }
            }
        }
        fastest.forEach((p, micros) -> {
            trials.add(new Trial(kernel, p, micros, null));
            log.accept(String.format(Locale.ROOT, "%-9s %-30s %10.1f us (finalist)", kernel, p, micros));
        });
        return fastest.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String firstLine(String s) {
        int n = s.indexOf('\n');
        return n < 0 ? s : s.substring(0, n);
    }

    private static final class TooSlowException extends RuntimeException {
        TooSlowException(String message) {
            super(message);
        }
    }

    /** A candidate whose output is not the exact kernel's. */
    static final class DisagreementException extends RuntimeException {
        DisagreementException(String message) {
            super(message);
        }
    }

    private double pointwise(LaunchParams params) {
        int plane = side * side;
        double total = 0;
        try (ClPointwiseConvFast fast = new ClPointwiseConvFast(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int c = v.channels();
                int hid = v.hidden();
                String n = v.name();
                ClBuffer x = fixtures.input(n + ".x", c * plane);
                ClBuffer t = fixtures.input(n + ".t", hid * plane);
                float[] expandW = fixtures.weights(n + ".expand", c * hid);
                float[] projectW = fixtures.weights(n + ".project", c * hid);
                ClBuffer want = fixtures.kept(n + ".expanded", () -> {
                    ClBuffer out = fixtures.keptEmpty(hid * plane);
                    try (ClPointwiseConv exact = new ClPointwiseConv(ctx, OPTIONS, 4)) {
                        exact.expandRelu6(x, fixtures.keptUpload(expandW), out, c, hid, plane);
                    }
                    return out;
                });
                ClBuffer want2 = fixtures.kept(n + ".projected", () -> {
                    ClBuffer out = fixtures.keptEmpty(c * plane);
                    try (ClPointwiseConv exact = new ClPointwiseConv(ctx, OPTIONS, 4)) {
                        exact.projectFuse(t, fixtures.keptUpload(projectW), x, out, hid, c, plane, 0.7f, 1.1f);
                    }
                    return out;
                });
                ClBuffer expandFast = fixtures.upload(fast.pack(expandW, c, hid));
                ClBuffer projectFast = fixtures.upload(fast.pack(projectW, hid, c));
                ClBuffer got = fixtures.empty(hid * plane);
                total += timed(() -> fast.expandRelu6(x, expandFast, got, c, hid, plane));
                agree(want, got, hid * plane, "expand " + c + "->" + hid);
                ClBuffer got2 = fixtures.empty(c * plane);
                total += timed(() -> fast.projectFuse(t, projectFast, x, got2, hid, c, plane, 0.7f, 1.1f));
                agree(want2, got2, c * plane, "project " + hid + "->" + c);
            }
        }
        return total;
    }

    private double depthwise(LaunchParams params) {
        double total = 0;
        try (ClDepthwiseConvFast fast = new ClDepthwiseConvFast(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int n = v.hidden() * side * side;
                ClBuffer in = fixtures.input(v.name() + ".t1", n);
                ClBuffer w = fixtures.kept(v.name() + ".dw", () -> fixtures.keptUpload(fixtures.weights(v.name() + ".dw", v.hidden() * 9)));
                ClBuffer want = fixtures.kept(v.name() + ".depthwise", () -> {
                    ClBuffer out = fixtures.keptEmpty(n);
                    try (ClDepthwiseConv exact = new ClDepthwiseConv(ctx, OPTIONS)) {
                        exact.run(in, w, out, v.hidden(), side, side);
                    }
                    return out;
                });
                ClBuffer got = fixtures.empty(n);
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
        try (ClDenseConvFast fast = new ClDenseConvFast(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int[][] shapes = {{3, v.channels(), 3}, {3, 12, 5}, {v.channels(), 12, 3}};
                for (int[] s : shapes) {
                    int cin = s[0];
                    int cout = s[1];
                    int k = s[2];
                    String n = v.name() + ".dense" + cin + "." + cout + "." + k;
                    ClBuffer in = fixtures.input(n + ".in", cin * plane);
                    float[] w = fixtures.weights(n + ".w", cout * cin * k * k);
                    float[] b = fixtures.weights(n + ".b", cout);
                    ClBuffer want = fixtures.kept(n + ".out", () -> {
                        ClBuffer out = fixtures.keptEmpty(cout * plane);
                        try (ClDenseConv exact = new ClDenseConv(ctx, OPTIONS)) {
                            exact.run(in, fixtures.keptUpload(w), fixtures.keptUpload(b), out, cin, cout, k, side, side);
                        }
                        return out;
                    });
                    ClBuffer wf = fixtures.upload(fast.packWeight(w, cin, cout, k));
                    ClBuffer bf = fixtures.upload(fast.packBias(b));
                    ClBuffer got = fixtures.empty(cout * plane);
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
        budgetMicros = Double.MAX_VALUE;
        try (ClPointwiseConvFast pw = new ClPointwiseConvFast(ctx, OPTIONS, pointwiseParams);
             ClDepthwiseConvFast dw = new ClDepthwiseConvFast(ctx, OPTIONS, depthwiseParams)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int c = v.channels();
                int hid = v.hidden();
                ClBuffer x = fixtures.input(v.name() + ".x", c * plane);
                ClBuffer we = fixtures.upload(pw.pack(fixtures.weights(v.name() + ".expand", c * hid), c, hid));
                ClBuffer wd = fixtures.upload(fixtures.weights(v.name() + ".dw", hid * 9));
                ClBuffer t1 = fixtures.empty(hid * plane);
                ClBuffer t2 = fixtures.empty(hid * plane);
                total += timed(() -> {
                    pw.expandRelu6(x, we, t1, c, hid, plane);
                    dw.run(t1, wd, t2, hid, side, side);
                });
            }
        } finally {
            fixtures.releaseCandidate();
        }
        return total;
    }

    private double fused(LaunchParams params) {
        int plane = side * side;
        double total = 0;
        try (ClExpandDepthwiseFused fused = new ClExpandDepthwiseFused(ctx, OPTIONS, params)) {
            for (Variant v : List.of(Variant.MSSN_M, Variant.MSSN_S)) {
                int c = v.channels();
                int hid = v.hidden();
                int n = hid * plane;
                ClBuffer x = fixtures.input(v.name() + ".x", c * plane);
                float[] we = fixtures.weights(v.name() + ".expand", c * hid);
                ClBuffer wd = fixtures.kept(v.name() + ".dw", () -> fixtures.keptUpload(fixtures.weights(v.name() + ".dw", hid * 9)));
                ClBuffer want = fixtures.kept(v.name() + ".expand+dw", () -> {
                    ClBuffer t1 = fixtures.keptEmpty(n);
                    ClBuffer out = fixtures.keptEmpty(n);
                    try (ClPointwiseConv expand = new ClPointwiseConv(ctx, OPTIONS, 4); ClDepthwiseConv dw = new ClDepthwiseConv(ctx, OPTIONS)) {
                        expand.expandRelu6(x, fixtures.keptUpload(we), t1, c, hid, plane);
                        dw.run(t1, wd, out, hid, side, side);
                    }
                    return out;
                });
                ClBuffer packed = fixtures.upload(fused.pack(we, c, hid));
                ClBuffer got = fixtures.empty(n);
                total += timed(() -> fused.run(x, packed, wd, got, c, hid, side, side));
                agree(want, got, n, "expand+depthwise " + c + "->" + hid);
            }
        }
        return total;
    }

    /**
     * The fastest of the timed runs (the least disturbed by whatever else the machine does), after
     * a warm-up run (some drivers compile a kernel for each work-group size at its first launch);
     * gives up (TooSlowException) when the first timed runs so far exceed the budget.
     */
    private double timed(Runnable launch) {
        profile.reset();
        launch.run();
        profile.reset();
        double fastest = Double.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            launch.run();
            double micros = profile.collect().stream().mapToLong(KernelProfile.Entry::totalNanos).sum() / 1e3;
            profile.reset();
            fastest = Math.min(fastest, micros);
            if (r == 0) {
                spentMicros += micros;
                if (spentMicros > budgetMicros) {
                    throw new TooSlowException(String.format(Locale.ROOT, "over %.0f us in its first runs, three times the best so far",
                            budgetMicros));
                }
            }
        }
        return fastest;
    }

    /** Throws DisagreementException unless {@code got} is {@code want} within {@link #AGREEMENT} of its largest value. */
    static void agree(ClBuffer want, ClBuffer got, int n, String what) {
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
}
