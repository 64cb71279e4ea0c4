package dev.mssn.bench;

import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.network.ClBackendProvider;
import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.tuning.TuningDatabase;
import dev.mssn.engine.opencl.tuning.TuningFixtures;
import dev.mssn.model.Variant;
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
 * Each declared design ({@link FastKernel}, by its key) at one model's shapes on the best OpenCL
 * device ({@code mssn.device} picks another: opencl:N or a name fragment), launched with the device's tuning entry
 * (an optional design the entry leaves out: with its first search candidate), wall time to the
 * queue's end; the outputs are checked against the exact twin after the run. Run:
 * {@code mvn -pl src -Pjmh -DskipTests test-compile exec:exec -Djmh.args="FastKernelBenchmark"}
 * (with LD_PRELOAD of libjsig on PoCL).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class FastKernelBenchmark {

    /** The keys of FastKernel's designs (setUp refuses any other). */
    @Param({"pointwise", "depthwise", "dense", "expandDepthwise"})
    String kernel;

    @Param({"256"})
    int size;

    @Param({"MSSN_M"})
    String model;

    private ClContext ctx;
    private TuningFixtures bench;
    private FastKernel.Trial trial;

    @Setup
    public void setUp() {
        DeviceInfo device = ClBackendProvider.device(System.getProperty("mssn.device", "opencl"));
        FastKernel design = FastKernel.byKey(kernel);
        LaunchParams params = TuningDatabase.load().lookup(device).params(design);
        if (params == null) {
            params = design.candidates(ClDevices.maxWorkGroupSize(device), ClDevices.localMemBytes(device)).get(0);
        }
        ctx = new ClContext(device);
        bench = new TuningFixtures(ctx, BuildOptions.of(Storage.FP32).plus("-DOUT_PER_ITEM=4"), size);
        trial = design.trial(bench, params, Variant.valueOf(model));
    }

    @Benchmark
    public void launch() {
        trial.launch();
        ctx.finish();
    }

    @TearDown
    public void tearDown() {
        trial.check();
        trial.close();
        bench.close();
        ctx.close();
    }
}
