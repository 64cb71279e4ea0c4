package dev.mssn.bench;

import dev.mssn.FrameUpscaler;
import dev.mssn.GpuSuperResolver;
import java.awt.image.BufferedImage;
import java.util.Random;
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
 * One frame through {@link FrameUpscaler} (caller-owned int ARGB buffers) against the same frame
 * through {@code upscale(BufferedImage)}, on one resolver. Run with {@code -prof gc}: the
 * allocation per frame ({@code gc.alloc.rate.norm}) is the point, beside the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class FrameBenchmark {

    @Param({"320"})
    int width;

    @Param({"180"})
    int height;

    @Param({"cpu"})
    String device;

    private GpuSuperResolver resolver;
    private FrameUpscaler frames;
    private int[] in;
    private int[] out;
    private BufferedImage image;

    @Setup(Level.Trial)
    public void setUp() {
        resolver = GpuSuperResolver.builder().optDevice(device).optModel("mssn-m").build();
        frames = resolver.frames(width, height);
        in = new int[width * height];
        Random r = new Random(1);
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt();
        }
        out = new int[frames.outputWidth() * frames.outputHeight()];
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, in, 0, width);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        frames.close();
        resolver.close();
    }

    @Benchmark
    public int[] frames() {
        frames.upscale(in, out);
        return out;
    }

    @Benchmark
    public BufferedImage image() {
        return resolver.upscale(image);
    }
}
