package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.model.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every tuned kernel design, declared once (as CLBlast declares each of its kernels for its
 * tuners): its source and exact twin, its {@code -D} parameters and their constraints, the
 * search space the tuner tries, and a trial at the convolution shapes MSSN-M and MSSN-S run it
 * at, checked against the exact twin. The tuner, the tests, the JMH benchmark and the build
 * option summary iterate these; a new design is one constant here, its {@code .cl} file, its
 * launcher class and its use in the network ({@code ConvOps}).
 */
public enum FastKernel {

    /** The 1x1 convolutions: expansion with ReLU6, projection with the weighted residual. */
    POINTWISE("pointwise", KernelSource.CONV_POINTWISE_FAST, "conv_pointwise.cl", new int[] {4, 8, 16}, new int[] {1, 2, 0}, false) {
        @Override
        public String defines(LaunchParams p) {
            return "-DVW=" + p.vw() + " -DWPT=" + p.perItem();
        }

        @Override
        public Trial trial(KernelBench b, LaunchParams params, Variant v) {
            int plane = b.side() * b.side();
            int c = v.channels();
            int hid = v.hidden();
            String n = v.name();
            ClBuffer x = b.input(n + ".x", c * plane);
            ClBuffer t = b.input(n + ".t", hid * plane);
            float[] expandW = b.weights(n + ".expand", c * hid);
            float[] projectW = b.weights(n + ".project", c * hid);
            ClBuffer want = b.kept(n + ".expanded", () -> {
                ClBuffer out = b.keptEmpty(hid * plane);
                try (ClPointwiseConv exact = new ClPointwiseConv(b.context(), b.options(), 4)) {
                    exact.expandRelu6(x, b.keptUpload(expandW), out, c, hid, plane);
                }
                return out;
            });
            ClBuffer want2 = b.kept(n + ".projected", () -> {
                ClBuffer out = b.keptEmpty(c * plane);
                try (ClPointwiseConv exact = new ClPointwiseConv(b.context(), b.options(), 4)) {
                    exact.projectFuse(t, b.keptUpload(projectW), x, out, hid, c, plane, 0.7f, 1.1f);
                }
                return out;
            });
            return owning(new ClPointwiseConvFast(b.context(), b.options(), params), fast -> {
                ClBuffer expandFast = b.upload(fast.pack(expandW, c, hid));
                ClBuffer projectFast = b.upload(fast.pack(projectW, hid, c));
                ClBuffer got = b.empty(hid * plane);
                ClBuffer got2 = b.empty(c * plane);
                return new Trial(fast, () -> {
                    fast.expandRelu6(x, expandFast, got, c, hid, plane);
                    fast.projectFuse(t, projectFast, x, got2, hid, c, plane, 0.7f, 1.1f);
                }, () -> {
                    b.agree(want, got, hid * plane, "expand " + c + "->" + hid);
                    b.agree(want2, got2, c * plane, "project " + hid + "->" + c);
                });
            });
        }
    },

    /** The 3x3 depthwise convolution with ReLU6: one channel per item. */
    DEPTHWISE("depthwise", KernelSource.CONV_DEPTHWISE_FAST, "conv_depthwise.cl", new int[] {1}, new int[] {1}, false) {
        @Override
        public String defines(LaunchParams p) {
            return "-DVW=" + p.vw();
        }

        @Override
        public void check(LaunchParams p) {
            if (p.perItem() != 1 || p.blocks() != 1) {
                throw new IllegalArgumentException("the depthwise kernel computes one channel per item: per-item and blocks must be 1");
            }
        }

        @Override
        public Trial trial(KernelBench b, LaunchParams params, Variant v) {
            int side = b.side();
            int n = v.hidden() * side * side;
            ClBuffer in = b.input(v.name() + ".t1", n);
            ClBuffer w = b.kept(v.name() + ".dw", () -> b.keptUpload(b.weights(v.name() + ".dw", v.hidden() * 9)));
            ClBuffer want = b.kept(v.name() + ".depthwise", () -> {
                ClBuffer out = b.keptEmpty(n);
                try (ClDepthwiseConv exact = new ClDepthwiseConv(b.context(), b.options())) {
                    exact.run(in, w, out, v.hidden(), side, side);
                }
                return out;
            });
            return owning(new ClDepthwiseConvFast(b.context(), b.options(), params), fast -> {
                ClBuffer got = b.empty(n);
                return new Trial(fast, () -> fast.run(in, w, got, v.hidden(), side, side),
                        () -> b.agree(want, got, n, "depthwise " + v.hidden()));
            });
        }
    },

    /** The dense convolutions with bias: head (3 to C, 3x3), skip (3 to 12, 5x5), tail (C to 12, 3x3). */
    DENSE("dense", KernelSource.CONV_DENSE_FAST, "conv_dense.cl", new int[] {2, 4, 8}, new int[] {1}, false) {
        @Override
        public String defines(LaunchParams p) {
            return "-DVW=" + p.vw() + " -DOPT=" + p.perItem();
        }

        @Override
        public void check(LaunchParams p) {
            if (p.blocks() != 1) {
                throw new IllegalArgumentException("the dense kernel computes one block per item: blocks must be 1");
            }
        }

        @Override
        public Trial trial(KernelBench b, LaunchParams params, Variant v) {
            return owning(new ClDenseConvFast(b.context(), b.options(), params), fast -> denseTrial(b, fast, v));
        }

        private Trial denseTrial(KernelBench b, ClDenseConvFast fast, Variant v) {
            int side = b.side();
            int plane = side * side;
            List<Runnable> launches = new ArrayList<>();
            List<Runnable> checks = new ArrayList<>();
            for (int[] s : new int[][] {{3, v.channels(), 3}, {3, 12, 5}, {v.channels(), 12, 3}}) {
                int cin = s[0];
                int cout = s[1];
                int k = s[2];
                String n = v.name() + ".dense" + cin + "." + cout + "." + k;
                ClBuffer in = b.input(n + ".in", cin * plane);
                float[] w = b.weights(n + ".w", cout * cin * k * k);
                float[] bias = b.weights(n + ".b", cout);
                ClBuffer want = b.kept(n + ".out", () -> {
                    ClBuffer out = b.keptEmpty(cout * plane);
                    try (ClDenseConv exact = new ClDenseConv(b.context(), b.options())) {
                        exact.run(in, b.keptUpload(w), b.keptUpload(bias), out, cin, cout, k, side, side);
                    }
                    return out;
                });
                ClBuffer wf = b.upload(fast.packWeight(w, cin, cout, k));
                ClBuffer bf = b.upload(fast.packBias(bias));
                ClBuffer got = b.empty(cout * plane);
                launches.add(() -> fast.run(in, wf, bf, got, cin, cout, k, side, side));
                checks.add(() -> b.agree(want, got, cout * plane, "dense " + cin + "->" + cout + " k" + k));
            }
            return new Trial(fast, () -> launches.forEach(Runnable::run), () -> checks.forEach(Runnable::run));
        }
    },

    /**
     * A MAWRU's expansion and depthwise convolution in one pass, the expanded rows in local
     * memory: {@code vw} pixels per item, {@code perItem} hidden channels per group,
     * {@code blocks} rows per strip, {@code localX} items per group. Optional: the network uses
     * it only where it beats {@link #POINTWISE}'s expansion followed by {@link #DEPTHWISE}.
     */
    EXPAND_DEPTHWISE("expandDepthwise", KernelSource.MAWRU_EXPAND_DW_FAST, "conv_pointwise.cl + conv_depthwise.cl",
            new int[] {8, 16}, new int[] {4, 16}, true) {
        @Override
        public String defines(LaunchParams p) {
            return "-DVW=" + p.vw() + " -DHC=" + p.perItem() + " -DLX=" + p.localX() + " -DROWS=" + p.blocks();
        }

        @Override
        public void check(LaunchParams p) {
            if (p.vw() * p.localX() < 4) {
                throw new IllegalArgumentException("the fused expansion needs groups of at least 4 columns (vw x local), got " + p);
            }
            if (p.blocks() < 1) {
                throw new IllegalArgumentException("the fused expansion needs at least one row per strip, got " + p);
            }
        }

        @Override
        public long localMemoryBytes(LaunchParams p) {
            return 3L * p.perItem() * (p.vw() * p.localX() + 2) * Float.BYTES; // the ring: 3 rows of HC x (SPAN + 2)
        }

        @Override
        boolean searched(LaunchParams p) {
            return p.localX() <= 64; // wider groups recompute no fewer halo columns and need more local memory
        }

        @Override
        public Trial trial(KernelBench b, LaunchParams params, Variant v) {
            int side = b.side();
            int plane = side * side;
            int c = v.channels();
            int hid = v.hidden();
            int n = hid * plane;
            ClBuffer x = b.input(v.name() + ".x", c * plane);
            float[] we = b.weights(v.name() + ".expand", c * hid);
            ClBuffer wd = b.kept(v.name() + ".dw", () -> b.keptUpload(b.weights(v.name() + ".dw", hid * 9)));
            ClBuffer want = b.kept(v.name() + ".expand+dw", () -> {
                ClBuffer t1 = b.keptEmpty(n);
                ClBuffer out = b.keptEmpty(n);
                try (ClPointwiseConv expand = new ClPointwiseConv(b.context(), b.options(), 4);
                     ClDepthwiseConv dw = new ClDepthwiseConv(b.context(), b.options())) {
                    expand.expandRelu6(x, b.keptUpload(we), t1, c, hid, plane);
                    dw.run(t1, wd, out, hid, side, side);
                }
                return out;
            });
            return owning(new ClExpandDepthwiseFused(b.context(), b.options(), params), fused -> {
                ClBuffer packed = b.upload(fused.pack(we, c, hid));
                ClBuffer got = b.empty(n);
                return new Trial(fused, () -> fused.run(x, packed, wd, got, c, hid, side, side),
                        () -> b.agree(want, got, n, "expand+depthwise " + c + "->" + hid));
            });
        }

        @Override
        public Trial replacedTrial(KernelBench b, LaunchParams pointwise, LaunchParams depthwise, Variant v) {
            int side = b.side();
            int plane = side * side;
            int c = v.channels();
            int hid = v.hidden();
            ClBuffer x = b.input(v.name() + ".x", c * plane);
            return owning(new ClPointwiseConvFast(b.context(), b.options(), pointwise), pw ->
                    owning(new ClDepthwiseConvFast(b.context(), b.options(), depthwise), dw -> {
                        ClBuffer we = b.upload(pw.pack(b.weights(v.name() + ".expand", c * hid), c, hid));
                        ClBuffer wd = b.upload(b.weights(v.name() + ".dw", hid * 9));
                        ClBuffer t1 = b.empty(hid * plane);
                        ClBuffer t2 = b.empty(hid * plane);
                        return new Trial(() -> {
                            pw.close();
                            dw.close();
                        }, () -> {
                            pw.expandRelu6(x, we, t1, c, hid, plane);
                            dw.run(t1, wd, t2, hid, side, side);
                        }, () -> { });
                    }));
        }
    };

    /** The models whose convolution shapes every trial runs. */
    public static final List<Variant> SHAPES_OF = List.of(Variant.MSSN_M, Variant.MSSN_S);
    private static final int[] VECTOR_WIDTHS = {1, 2, 4, 8, 16};
    private static final int[] LOCAL_SIZES = {1, 16, 64, 256};

    private final String key;
    private final KernelSource source;
    private final String exactTwin;
    private final int[] perItem;
    private final int[] blocks;
    private final boolean optional;

    FastKernel(String key, KernelSource source, String exactTwin, int[] perItem, int[] blocks, boolean optional) {
        this.key = key;
        this.source = source;
        this.exactTwin = exactTwin;
        this.perItem = perItem;
        this.blocks = blocks;
        this.optional = optional;
    }

    /** Its name in tuning files, logs and summaries. */
    public String key() {
        return key;
    }

    public KernelSource source() {
        return source;
    }

    /** The exact kernel file(s) it is checked against. */
    public String exactTwin() {
        return exactTwin;
    }

    /** Whether a network may run without it (then the kernels it replaces run instead). */
    public boolean optional() {
        return optional;
    }

    /** The build options these launch parameters add to the network's. */
    public abstract String defines(LaunchParams p);

    /** Refuses launch parameters this design cannot run, saying why. */
    public void check(LaunchParams p) {}

    /** The local memory one work group of this design takes with {@code p}, in bytes. */
    public long localMemoryBytes(LaunchParams p) {
        return 0;
    }

    /** Whether the tuner tries these (valid) parameters; narrower than {@link #check} where the rest are known losers. */
    boolean searched(LaunchParams p) {
        return true;
    }

    /**
     * The candidates the tuner tries on a device whose work groups hold at most
     * {@code maxWorkGroup} items and {@code localMemBytes} bytes of local memory.
     */
    public List<LaunchParams> candidates(long maxWorkGroup, long localMemBytes) {
        List<LaunchParams> out = new ArrayList<>();
        for (int vw : VECTOR_WIDTHS) {
            for (int n : perItem) {
                for (int b : blocks) {
                    for (int local : LOCAL_SIZES) {
                        LaunchParams p = new LaunchParams(vw, n, b, local);
                        if (local <= maxWorkGroup && accepts(p) && searched(p) && localMemoryBytes(p) <= localMemBytes) {
                            out.add(p);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether {@link #check} accepts {@code p}. */
    public boolean accepts(LaunchParams p) {
        try {
            check(p);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The design at {@code v}'s shapes with {@code params}, ready to launch and to check against its exact twin. */
    public abstract Trial trial(KernelBench bench, LaunchParams params, Variant v);

    /** For an optional design, the kernels it replaces at {@code v}'s shapes, to time against it. */
    public Trial replacedTrial(KernelBench bench, LaunchParams pointwise, LaunchParams depthwise, Variant v) {
        throw new UnsupportedOperationException(key + " replaces nothing");
    }

    /** {@code make}'s trial, which owns {@code op}; {@code op} is closed if making the trial fails. */
    private static <T extends AutoCloseable> Trial owning(T op, Function<T, Trial> make) {
        try {
            return make.apply(op);
        } catch (RuntimeException e) {
            try {
                op.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The design named {@code key} in a tuning file. */
    public static FastKernel byKey(String key) {
        for (FastKernel k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no fast kernel '" + key + "'");
    }

    /** One design at one model's shapes: launch it (as often as timing wants), then check its last outputs. */
    public static final class Trial implements AutoCloseable {
        private final AutoCloseable owned;
        private final Runnable launch;
        private final Runnable check;

        Trial(AutoCloseable owned, Runnable launch, Runnable check) {
            this.owned = owned;
            this.launch = launch;
            this.check = check;
        }

        public void launch() {
            launch.run();
        }

        /** Fails through {@link KernelBench#agree} when the outputs are not the exact twin's. */
        public void check() {
            check.run();
        }

        @Override
        public void close() {
            try {
                owned.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
