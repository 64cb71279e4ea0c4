package dev.mssn.bench;

import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.network.ClBackendProvider;
import dev.mssn.engine.opencl.network.ConvOps;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.tuning.TuningDatabase;
import dev.mssn.engine.opencl.tuning.TuningEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MAWRU's convolutions at MSSN-M's shapes on the best OpenCL device ({@code mssn.device}
 * picks another: opencl:N), fast kernels as the device's tuning entry launches them against
 * the exact kernels, wall time to the queue's end. Run: {@code mvn -Pjmh -DskipTests
 * test-compile exec:exec -Djmh.args="OpenClKernelBenchmark"} (with LD_PRELOAD of libjsig on PoCL).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class OpenClKernelBenchmark {

    private static final int CHANNELS = 64;
    private static final int HIDDEN = 128;
    private static final BuildOptions OPTIONS = BuildOptions.of(Storage.FP32).plus("-DOUT_PER_ITEM=4");

    @Param({"256"})
    int size;

    /** fast: the tuned kernels; exact: their plain twins. Varies fastest. */
    @Param({"fast", "exact"})
    String kernels;

    private ClContext ctx;
    private ConvOps ops;
    private final List<ClBuffer> buffers = new ArrayList<>();
    private ClBuffer x;
    private ClBuffer t1;
    private ClBuffer t2;
    private ClBuffer y;
    private ClBuffer expand;
    private ClBuffer fusedExpand;
    private ClBuffer depthwise;
    private ClBuffer project;
    private ClBuffer tailWeight;
    private ClBuffer tailBias;
    private ClBuffer tailOut;

    @Setup
    public void setUp() {
        DeviceInfo device = ClBackendProvider.device(System.getProperty("mssn.device", "opencl"));
        TuningEntry tuning = TuningDatabase.load().lookup(device);
        ctx = new ClContext(device);
        ops = kernels.equals("fast") ? ConvOps.fast(ctx, OPTIONS, tuning) : ConvOps.exact(ctx, OPTIONS, 4);
        int plane = size * size;
        Random r = new Random(7);
        x = upload(random(r, CHANNELS * plane, 1f));
        y = upload(random(r, CHANNELS * plane, 1f));
        t1 = empty(HIDDEN * plane);
        t2 = empty(HIDDEN * plane);
        float[] e = random(r, HIDDEN * CHANNELS, 0.2f);
        expand = upload(ops.pointwise().pack(e, CHANNELS, HIDDEN));
        fusedExpand = ops.expandDepthwise() == null ? null : upload(ops.expandDepthwise().pack(e, CHANNELS, HIDDEN));
        depthwise = upload(random(r, HIDDEN * 9, 0.5f));
        project = upload(ops.pointwise().pack(random(r, HIDDEN * CHANNELS, 0.2f), HIDDEN, CHANNELS));
        tailWeight = upload(ops.dense().packWeight(random(r, 12 * CHANNELS * 9, 0.1f), CHANNELS, 12, 3));
        tailBias = upload(ops.dense().packBias(random(r, 12, 0.1f)));
        tailOut = empty(12 * plane);
    }

    private static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * scale;
        }
        return v;
    }

    private ClBuffer upload(float[] data) {
        ClBuffer b = empty(data.length);
        b.write(data);
        return b;
    }

    private ClBuffer empty(int floats) {
        ClBuffer b = ctx.allocate(4L * floats, "benchmark");
        buffers.add(b);
        return b;
    }

    @Benchmark
    public void expand1x1() {
        ops.pointwise().expandRelu6(x, expand, t1, CHANNELS, HIDDEN, size * size);
        ctx.finish();
    }

    @Benchmark
    public void depthwise3x3() {
        ops.depthwise().run(t1, depthwise, t2, HIDDEN, size, size);
        ctx.finish();
    }

    /** Expansion then depthwise as the network runs them: fused where the tuning entry says so. */
    @Benchmark
    public void expandAndDepthwise() {
        if (ops.expandDepthwise() != null) {
            ops.expandDepthwise().run(x, fusedExpand, depthwise, t2, CHANNELS, HIDDEN, size, size);
        } else {
            ops.pointwise().expandRelu6(x, expand, t1, CHANNELS, HIDDEN, size * size);
            ops.depthwise().run(t1, depthwise, t2, HIDDEN, size, size);
        }
        ctx.finish();
    }

    @Benchmark
    public void project1x1() {
        ops.pointwise().projectFuse(t2, project, y, y, HIDDEN, CHANNELS, size * size, 0.9f, 0.5f); // in place, bounded
        ctx.finish();
    }

    @Benchmark
    public void tail3x3() {
        ops.dense().run(x, tailWeight, tailBias, tailOut, CHANNELS, 12, 3, size, size);
        ctx.finish();
    }

    @TearDown
    public void tearDown() {
        buffers.forEach(ClBuffer::close);
        ops.close();
        ctx.close();
    }
}
