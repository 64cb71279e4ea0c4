package dev.mssn.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Variant;
import dev.mssn.testutil.RandomModels;
import dev.mssn.testutil.SeededRandom;
import dev.mssn.testutil.Tolerance;
import dev.mssn.tiling.TileRunner;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole fast CPU network against the plain-Java reference, and its invariances. */
class CpuNetworkTest {

    private static RgbImage image(int w, int h, SampleDepth depth, long seed) {
        return new RgbImage(w, h, new SeededRandom(seed).bytes(w * h * 3 * depth.bytes()), depth);
    }

    @ParameterizedTest(name = "{0} x{1}, {2}x{3}, {4}")
    @CsvSource({"MSSN_S,2,19,11,BITS_8", "MSSN_S,3,1,1,BITS_8", "MSSN_M,2,17,5,BITS_8", "MSSN_M,4,6,9,BITS_8",
            "MSSN_M,3,13,7,BITS_16", "MSSN,2,9,4,BITS_8"})
    void withinOneLevelOfTheReference(Variant variant, int scale, int w, int h, SampleDepth depth) {
        MssnParameters p = MssnParameters.of(RandomModels.weights(ModelSpec.of(variant, scale), 11));
        RgbImage lr = image(w, h, depth, w * 31L + h);
        try (JavaBackend reference = new JavaBackend(2); Network expected = reference.load(p);
             CpuBackend cpu = new CpuBackend(2, true); Network actual = cpu.load(p)) {
            Tolerance.assertSamples(expected.upscale(lr), actual.upscale(lr), variant + " x" + scale + " " + w + "x" + h);
        }
    }

    @Test
    void theSameForAnyThreadCountAndForTheScalarKernels() {
        MssnParameters p = MssnParameters.of(RandomModels.weights(ModelSpec.of(Variant.MSSN_M, 2), 5));
        RgbImage lr = image(23, 41, SampleDepth.BITS_8, 3);
        byte[] one;
        try (CpuBackend b = new CpuBackend(1, true); Network n = b.load(p)) {
            one = n.upscale(lr).rgb();
        }
        for (int threads : new int[] {2, 3, 7, 16}) {
            try (CpuBackend b = new CpuBackend(threads, true); Network n = b.load(p)) {
                assertArrayEquals(one, n.upscale(lr).rgb(), threads + " threads");
            }
        }
        try (CpuBackend b = new CpuBackend(2, false); Network n = b.load(p)) {
            assertEquals(false, b.vectorised());
            assertArrayEquals(one, n.upscale(lr).rgb(), "scalar kernels");
        }
    }

    /** The default backend takes the processors the JVM is given, and still the one-thread result. */
    @Test
    void aJvmGivenThreeProcessorsRunsThreeThreadsWithTheSameResult() throws Exception {
        dev.mssn.testutil.ChildJvm.Result r = dev.mssn.testutil.ChildJvm.run(ProcessorCountMain.class,
                java.util.List.of("--add-modules", "jdk.incubator.vector", "-XX:ActiveProcessorCount=3"));
        assertEquals(0, r.exit(), r.log());
        org.junit.jupiter.api.Assertions.assertTrue(r.log().contains("cpu (3 threads, ") && r.log().contains("equal to one thread"), r.log());
    }

    @ParameterizedTest(name = "{0} x{1}, {2}x{3}, tile {4}")
    @CsvSource({"MSSN_S,2,37,23,8", "MSSN_M,3,29,31,5", "MSSN_S,4,40,3,16"})
    void tiledEqualsUntiledBitForBit(Variant variant, int scale, int w, int h, int tile) {
        MssnParameters p = MssnParameters.of(RandomModels.weights(ModelSpec.of(variant, scale), 99));
        RgbImage lr = image(w, h, SampleDepth.BITS_8, w * 7L + h);
        try (CpuBackend b = new CpuBackend(2, true); Network n = b.load(p)) {
            RgbImage whole = n.upscale(lr);
            RgbImage tiled = TileRunner.upscale(n, lr, tile, () -> { }, () -> false);
            assertArrayEquals(whole.rgb(), tiled.rgb(), "tiled output differs from untiled");
            // buffers sized for the last (smaller) tile serve a larger image again
            assertArrayEquals(whole.rgb(), n.upscale(lr).rgb(), "reused buffers");
        }
    }

    @Test
    void anInterruptedCallerGetsACancellation() {
        MssnParameters p = MssnParameters.of(RandomModels.weights(ModelSpec.of(Variant.MSSN_S, 2), 1));
        try (CpuBackend b = new CpuBackend(2, true); Network n = b.load(p)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class, () -> n.upscale(image(8, 8, SampleDepth.BITS_8, 1)));
            } finally {
                Thread.interrupted();
            }
            assertEquals(16, n.upscale(image(8, 8, SampleDepth.BITS_8, 1)).width(), "usable after the cancellation");
        }
    }
}
