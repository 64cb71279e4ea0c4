package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.model.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Searches the launch parameters of every {@link FastKernel} on one device, as CLBlast's tuners
 * do: each candidate of a design's search space runs at the convolution shapes of MSSN-M and
 * MSSN-S, on an 11x11 tile (no plane or row a multiple of any vector width) and on the square
 * tile it is timed on; it is rejected if it fails to build or launch or if its output disagrees
 * with the exact twin's on either, and the rest are timed on the device clock or, for devices
 * whose timestamps are unusable, the wall clock (fastest of the timed runs, summed over the
 * shapes); a candidate whose first runs alone take three times the best total so far is dropped
 * untimed. Parameters the device's driver is known to run wrongly ({@link DriverDefects}) are
 * not tried. Each design's three fastest are timed again twice, alternating, and the
 * fastest then makes the entry; an optional design goes in only if its best beats the kernels it
 * replaces, run one after the other with the parameters chosen for them.
 */
public final class Tuner {

    /** Outputs may differ from the exact kernel's by this share of the largest output (fma vs separate rounding). */
    static final double AGREEMENT = 1e-3;
    /**
     * The same with fp16 storage: both round every stored value to a half (2^-11 relative), and a
     * fused kernel skips one such rounding the exact kernels make, so a few halves' steps apart.
     */
    static final double AGREEMENT_FP16 = 1e-2;
    /** No kernel launch on any device takes less than this: device times below it mean the timestamps are meaningless. */
    private static final double MIN_PLAUSIBLE_MICROS = 0.1;
    private static final BuildOptions OPTIONS = BuildOptions.of(Storage.FP32).plus("-DOUT_PER_ITEM=4");
    /** The side of the tile every candidate is checked on besides the timed one: odd, below any vector width's multiple. */
    static final int CHECK_SIDE = 11;

    /** How candidates are timed. */
    public enum Clock {
        /** The device's profiling timestamps: kernel time alone. */
        DEVICE,
        /** The host's clock around the launches and a finish: for devices whose timestamps are unusable. */
        WALL
    }

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
    private final TuningFixtures checkFixtures;
    private final Clock clock;
    /** A candidate is dropped once its first timed runs alone take this long (three times the best so far). */
    private double budgetMicros;
    private double spentMicros;

    /** @param ctx a context made with {@code profile}, which times the candidates on the device clock */
    public Tuner(ClContext ctx, KernelProfile profile, int side, int runs, long maxWorkGroup, Consumer<String> log) {
        this(ctx, profile, Clock.DEVICE, side, runs, maxWorkGroup, log);
    }

    /** @param ctx a context made with {@code profile} (used with {@link Clock#DEVICE}) */
    public Tuner(ClContext ctx, KernelProfile profile, Clock clock, int side, int runs, long maxWorkGroup, Consumer<String> log) {
        if (side < 1 || runs < 1) {
            throw new IllegalArgumentException("tile side and runs must be positive");
        }
        this.ctx = ctx;
        this.profile = profile;
        this.side = side;
        this.runs = runs;
        this.maxWorkGroup = maxWorkGroup;
        this.log = log;
        this.clock = clock;
        this.fixtures = new TuningFixtures(ctx, OPTIONS, side);
        this.checkFixtures = new TuningFixtures(ctx, OPTIONS, CHECK_SIDE);
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
            checkFixtures.close();
        }
    }

    private TuningEntry search(String key, TuningEntry current) {
        Map<FastKernel, LaunchParams> chosen = new EnumMap<>(FastKernel.class);
        StringBuilder measured = new StringBuilder(String.format(Locale.ROOT,
                "bin/mssn tune on %s, %dx%d tiles, MSSN-M and MSSN-S shapes, fp32, %s clock:", java.time.LocalDate.now(), side, side,
                clock.name().toLowerCase(Locale.ROOT)));
        for (FastKernel k : FastKernel.values()) {
            LaunchParams best = best(k, first(current.params(k), k.candidates(maxWorkGroup, ClDevices.localMemBytes(ctx.device()))));
            if (best == null) {
                throw new IllegalStateException("no " + k.key() + " candidate ran correctly on " + ctx.device().describe());
            }
            double micros = micros(k, best);
            if (!k.optional()) {
                chosen.put(k, best);
                measured.append(String.format(Locale.ROOT, " %s %.0f us,", k.key(), micros));
                continue;
            }
            double replaced = replacedMicros(k, chosen.get(FastKernel.POINTWISE), chosen.get(FastKernel.DEPTHWISE));
            log.accept(String.format(Locale.ROOT, "%-15s %-30s %10.1f us", "(replaced)", "what " + k.key() + " replaces", replaced));
            measured.append(String.format(Locale.ROOT, " %s %.0f us against %.0f us for the kernels it replaces,", k.key(), micros,
                    replaced));
            if (micros < replaced) {
                chosen.put(k, best);
            }
        }
        measured.setLength(measured.length() - 1);
        return new TuningEntry(key, "tuned", chosen.get(FastKernel.POINTWISE), chosen.get(FastKernel.DEPTHWISE),
                chosen.get(FastKernel.DENSE), chosen.get(FastKernel.EXPAND_DEPTHWISE), measured.toString());
    }

    private double micros(FastKernel kernel, LaunchParams p) {
        return trials.stream().filter(t -> t.kernel().equals(kernel.key()) && t.params().equals(p) && t.rejected() == null)
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

    /** A candidate at every model's shapes on the small odd tile, untimed, each checked against the exact twin. */
    private void checkOnOddTile(FastKernel kernel, LaunchParams params) {
        for (Variant v : FastKernel.SHAPES_OF) {
            try (FastKernel.Trial trial = kernel.trial(checkFixtures, params, v)) {
                trial.launch();
                trial.check();
            } finally {
                checkFixtures.releaseCandidate();
            }
        }
    }

    /** A candidate at every model's shapes: the summed time in microseconds, each shape checked against the exact twin. */
    private double run(FastKernel kernel, LaunchParams params) {
        double total = 0;
        for (Variant v : FastKernel.SHAPES_OF) {
            try (FastKernel.Trial trial = kernel.trial(fixtures, params, v)) {
                total += timed(trial::launch);
                trial.check();
            }
        }
        return total;
    }

    /** What an optional design replaces, with the parameters chosen for those kernels, timed the same way. */
    private double replacedMicros(FastKernel kernel, LaunchParams pointwise, LaunchParams depthwise) {
        double total = 0;
        budgetMicros = Double.MAX_VALUE;
        try {
            for (Variant v : FastKernel.SHAPES_OF) {
                try (FastKernel.Trial trial = kernel.replacedTrial(fixtures, pointwise, depthwise, v)) {
                    total += timed(trial::launch);
                }
            }
        } finally {
            fixtures.releaseCandidate();
        }
        return total;
    }

    private LaunchParams best(FastKernel kernel, List<LaunchParams> candidates) {
        LaunchParams best = null;
        double bestMicros = Double.MAX_VALUE;
        for (LaunchParams p : candidates) {
            var defect = DriverDefects.excluding(ctx.device(), kernel, p);
            if (defect.isPresent()) {
                trials.add(new Trial(kernel.key(), p, Double.NaN, "known driver defect: " + defect.get().description()));
                log.accept(String.format(Locale.ROOT, "%-15s %-30s not tried: known driver defect", kernel.key(), p));
                continue;
            }
            budgetMicros = 3 * bestMicros;
            spentMicros = 0;
            try {
                checkOnOddTile(kernel, p); // once: the finalists' re-runs need not repeat it
                double micros = run(kernel, p);
                trials.add(new Trial(kernel.key(), p, micros, null));
                log.accept(String.format(Locale.ROOT, "%-15s %-30s %10.1f us", kernel.key(), p, micros));
                if (micros < bestMicros) {
                    bestMicros = micros;
                    best = p;
                }
            } catch (DeviceFailure | DisagreementException | TooSlowException | IllegalArgumentException e) {
                trials.add(new Trial(kernel.key(), p, Double.NaN, e.getMessage()));
                log.accept(String.format(Locale.ROOT, "%-15s %-30s rejected: %s", kernel.key(), p, firstLine(e.getMessage())));
            } finally {
                fixtures.releaseCandidate();
            }
        }
        return best == null ? null : final3(kernel);
    }

    /**
     * The first pass's three fastest, timed again in two alternating rounds: on a busy machine a
     * single lucky or unlucky pass should not decide. The fastest time each reached decides.
     */
    private LaunchParams final3(FastKernel kernel) {
        List<Trial> finalists = trials.stream().filter(t -> t.kernel().equals(kernel.key()) && t.rejected() == null)
                .sorted(Comparator.comparingDouble(Trial::micros)).limit(3).toList();
        Map<LaunchParams, Double> fastest = new LinkedHashMap<>();
        finalists.forEach(t -> fastest.put(t.params(), t.micros()));
        for (int round = 0; round < 2; round++) {
            for (Trial t : finalists) {
                budgetMicros = Double.MAX_VALUE;
                try {
                    fastest.merge(t.params(), run(kernel, t.params()), Math::min);
                } finally {
                    fixtures.releaseCandidate();
                }
            }
        }
        fastest.forEach((p, micros) -> {
            trials.add(new Trial(kernel.key(), p, micros, null));
            log.accept(String.format(Locale.ROOT, "%-15s %-30s %10.1f us (finalist)", kernel.key(), p, micros));
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

    /** A device whose profiling timestamps cannot time anything: the device, not a candidate, is at fault. */
    public static final class UntimeableDeviceException extends RuntimeException {
        UntimeableDeviceException(String message) {
            super(message);
        }
    }

    /** A candidate whose output is not the exact kernel's. */
    static final class DisagreementException extends RuntimeException {
        DisagreementException(String message) {
            super(message);
        }
    }

    /**
     * The fastest of the timed runs (the least disturbed by whatever else the machine does), after
     * a warm-up run (some drivers compile a kernel for each work-group size at its first launch);
     * gives up (TooSlowException) when the first timed runs so far exceed the budget.
     */
    private double timed(Runnable launch) {
        profile.reset();
        launch.run();
        ctx.finish();
        profile.reset();
        double fastest = Double.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            launch.run();
            ctx.finish();
            double micros = clock == Clock.WALL ? (System.nanoTime() - start) / 1e3
                    : profile.collect().stream().mapToLong(KernelProfile.Entry::totalNanos).sum() / 1e3;
            profile.reset();
            if (micros < MIN_PLAUSIBLE_MICROS) {
                // some drivers (Mesa's rusticl on llvmpipe) stamp commands with start and end a few nanoseconds apart
                throw new UntimeableDeviceException(ctx.device().describe() + " reports its kernels as taking no time (its"
                        + " profiling timestamps are unusable), so it cannot be tuned on the device clock; tune it on the wall"
                        + " clock instead (bin/mssn tune --clock wall)");
            }
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

    /** Throws DisagreementException unless {@code got} is {@code want} within {@code agreement} of its largest value. */
    static void agree(float[] want, float[] got, double agreement, String what) {
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            largest = Math.max(largest, Math.abs(want[i]));
            double d = Math.abs(want[i] - got[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        if (worst > agreement * Math.max(largest, 1e-6)) {
            throw new DisagreementException(what + ": differs from the exact kernel by " + worst + " (largest output " + largest + ")");
        }
    }
}
