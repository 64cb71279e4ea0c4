package dev.mssn.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.cpu.CpuBackend;
import dev.mssn.engine.opencl.network.ClBackend;
import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.io.Models;
import dev.mssn.testutil.Tolerance;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The whole network on one synthetic image, the fast CPU path against ONNX Runtime (CPU
 * provider, same thread count) running the same model and weights, exported by
 * {@link OnnxExport}; {@code -p use=cpu,opencl,onnxruntime} adds the best OpenCL device (on a
 * machine without a GPU, PoCL on the same cores; start with LD_PRELOAD of libjsig there). The runtime ({@code use}) varies fastest, so the two run back to back
 * for each shape and see the same machine load. Setup checks that they agree within one 8-bit level,
 * then closes the one not being timed (ONNX Runtime's idle threads must not compete).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 6, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class NetworkBenchmark {

    @Param({"mssn-m"})
    String model;

    @Param({"2", "4"})
    int scale;

    @Param({"256", "512"})
    int size;

    /** Threads for both runtimes. */
    @Param({"2"})
    int threads;

    /** Which runtime is timed; named to sort after the other parameters, so JMH varies it fastest. */
    @Param({"cpu", "onnxruntime"})
    String use;

    private Backend backend;
    private Network network;
    private RgbImage lr;
    private OrtEnvironment ort;
    private OrtSession session;
    private OnnxTensor input;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        MssnParameters p = MssnParameters.of(Models.load(model, scale));
        backend = use.equals("opencl") ? new ClBackend(ClDevices.best(ClDevices.enumerate().devices())) : new CpuBackend(threads, true);
        network = backend.load(p);
        lr = dev.mssn.engine.SyntheticImage.of(size, size);

        ort = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = ort.createSession(OnnxExport.model(p, size, size), options);
        }
        input = OnnxTensor.createTensor(ort, FloatBuffer.wrap(planar(lr)), new long[] {1, 3, size, size});

        RgbImage ours = network.upscale(lr);
        RgbImage theirs = quantise(runOnnxRuntime(), size * scale);
        Tolerance.assertSamples(theirs, ours, backend.describe() + " against ONNX Runtime");
        System.out.println("# " + backend.describe() + "; ONNX Runtime output agrees within " + Tolerance.U8_LEVELS + " level");
        switch (use) {
            case "cpu", "opencl" -> closeOnnxRuntime();
            case "onnxruntime" -> closeCpuPath();
            default -> throw new IllegalArgumentException("use '" + use + "': cpu, opencl or onnxruntime");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        closeOnnxRuntime();
        closeCpuPath();
    }

    @Benchmark
    public Object upscale() throws OrtException {
        return network != null ? network.upscale(lr) : runOnnxRuntime();
    }

    private void closeCpuPath() {
        if (network != null) {
            network.close();
            backend.close();
            network = null;
        }
    }

    private void closeOnnxRuntime() throws OrtException {
        if (session != null) {
            input.close();
            session.close();
            session = null;
        }
    }

    private float[] runOnnxRuntime() throws OrtException {
        try (OrtSession.Result result = session.run(Map.of("lr", input))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] hr = new float[out.remaining()];
            out.get(hr);
            return hr;
        }
    }

    /** Interleaved 8-bit RGB to planar 0..255 floats [3][H][W]. */
    private static float[] planar(RgbImage img) {
        int plane = img.width() * img.height();
        float[] out = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                out[c * plane + p] = img.get(p % img.width(), p / img.width(), c);
            }
        }
        return out;
    }

    /** Planar 0..255 floats to 8-bit RGB, rounded as the library rounds. */
    private static RgbImage quantise(float[] planar, int side) {
        RgbImage out = RgbImage.blank(side, side);
        int plane = side * side;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                SampleDepth.BITS_8.set(out.rgb(), p * 3 + c, SampleDepth.BITS_8.quantise(planar[c * plane + p]));
            }
        }
        return out;
    }
}
