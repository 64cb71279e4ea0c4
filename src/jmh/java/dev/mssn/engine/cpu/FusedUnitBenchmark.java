package dev.mssn.engine.cpu;

import dev.mssn.engine.FeatureMap;
import dev.mssn.engine.java.DepthwiseConv3x3;
import dev.mssn.engine.java.Parallel;
import dev.mssn.engine.java.PointwiseConv;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.io.Models;
import dev.mssn.testutil.SeededRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MAWRU (expand 1x1 + ReLU6, depthwise 3x3 + ReLU6, project 1x1 + weighted residual) on a
 * square tile, on one thread: the fused CPU stage with either kernel set, and the op-by-op
 * plain-Java reference. A unit of MSSN-M costs 2 x (2 C H + 9 H) = 35 072 flops a pixel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class FusedUnitBenchmark {

    @Param({"mssn-m"})
    String model;

    @Param({"256"})
    int size;

    @Param({"vector", "scalar"})
    String kernels;

    private CpuNetwork network;
    private TileBuffers buffers;
    private PackedModel.Unit unit;
    private MssnParameters.Unit referenceUnit;
    private FeatureMap planar;
    private int hidden;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        MssnParameters p = MssnParameters.of(Models.load(model, 2));
        network = new CpuNetwork(p, KernelsLoader.load(kernels.equals("vector")), new RowParallel(1));
        buffers = network.buffers();
        buffers.prepare(size, size);
        float[] values = new SeededRandom(1).floats(size * size * p.spec().channels(), 1f);
        for (int y = 0; y < size; y++) {
            System.arraycopy(values, y * size * p.spec().channels(), buffers.x0, buffers.mapPixel(0, y), size * p.spec().channels());
        }
        unit = network.model().blocks.get(0).units().get(0);
        referenceUnit = p.blocks().get(0).units().get(0);
        planar = new FeatureMap(p.spec().channels(), size, size, values);
        hidden = p.spec().hidden();
    }

    @Benchmark
    public float[] fusedUnit() {
        network.runUnit(unit, null, buffers.x0, buffers.features); // from x0, so every call sees the same input
        return buffers.features;
    }

    @Benchmark
    public FeatureMap referenceUnit() {
        Parallel oneThread = new Parallel(null);
        FeatureMap t = PointwiseConv.expandRelu6(planar, referenceUnit.expand(), hidden, oneThread);
        t = DepthwiseConv3x3.applyRelu6(t, referenceUnit.depthwise(), oneThread);
        return PointwiseConv.projectFuse(t, referenceUnit.project(), referenceUnit.muRes(), planar, referenceUnit.muX(), oneThread);
    }
}
