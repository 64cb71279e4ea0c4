package dev.mssn.engine.opencl.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.engine.FeatureMap;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.Storage;
import dev.mssn.engine.java.DenseConv;
import dev.mssn.engine.java.DepthwiseConv3x3;
import dev.mssn.engine.java.FuseResidual;
import dev.mssn.engine.java.Normalize;
import dev.mssn.engine.java.Parallel;
import dev.mssn.engine.java.PixelShuffle;
import dev.mssn.engine.java.PointwiseConv;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClKernel;
import dev.mssn.engine.opencl.runtime.KernelSource;
import dev.mssn.model.MssnParameters.Conv;
import dev.mssn.testutil.SeededRandom;
import dev.mssn.testutil.Tolerance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every OpenCL kernel against its plain-Java twin on seeded random tensors of awkward shapes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelOracleTest {

    private static final BuildOptions OPTIONS = BuildOptions.of(Storage.FP32).plus("-DOUT_PER_ITEM=4");
    private static final Parallel SEQUENTIAL = new Parallel(null);

    private KernelTestContext test;
    private ClContext ctx;

    @BeforeAll
    void open() {
        test = new KernelTestContext();
        ctx = test.ctx;
    }

    @AfterAll
    void close() {
        if (test != null) {
            test.close();
        }
    }

    private ClBuffer upload(float[] data) {
        return test.upload(data);
    }

    private ClBuffer empty(long bytes) {
        return test.empty(bytes);
    }

    private static float[] read(ClBuffer b, int n) {
        float[] out = new float[n];
        b.read(out);
        return out;
    }

    private static String shape(long seed, Object... dims) {
        return "seed=" + seed + " shape=" + java.util.Arrays.toString(dims);
    }

    @org.junit.jupiter.api.Test
    void buildFailuresCarryTheCompilerLog() {
        // the driver prints its compiler's errors itself, past Java: say they are wanted
        System.out.println("KernelOracleTest: a kernel build with an undefined macro follows, on purpose; its compiler errors are expected");
        System.out.flush();
        dev.mssn.engine.DeviceFailure e = org.junit.jupiter.api.Assertions.assertThrows(dev.mssn.engine.DeviceFailure.class,
                () -> ctx.kernel(KernelSource.CONV_POINTWISE, "-DOUT_PER_ITEM=undefined_name", "conv1x1_expand_relu6"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("clBuildProgram(conv_pointwise.cl, -DOUT_PER_ITEM=undefined_name) failed on opencl:"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("build log:") && e.getMessage().contains("undefined_name"), e.getMessage());
        assertEquals("CL_BUILD_PROGRAM_FAILURE", e.status());
    }

    @org.junit.jupiter.api.Test
    void callErrorsNameTheCall() {
        ClBuffer small = empty(16);
        dev.mssn.engine.DeviceFailure e = org.junit.jupiter.api.Assertions.assertThrows(dev.mssn.engine.DeviceFailure.class, () -> {
            try (ClKernel k = new ClKernel(ctx, KernelSource.FUSE_RESIDUAL, OPTIONS, "fuse_residual")) {
                k.args(small, small, small, small); // argument 3 is a float, not a buffer
            }
        });
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("clSetKernelArg(fuse_residual, 3): CL_INVALID_ARG_SIZE on opencl:"), e.getMessage());
    }

    @ParameterizedTest(name = "cin={0} cout={1} k={2} {3}x{4}")
    @CsvSource({"3,7,3,1,1", "3,7,3,7,5", "3,12,5,15,7", "5,27,3,5,9", "7,3,5,2,3", "3,1,5,6,1"})
    void denseConv(int cin, int cout, int k, int w, int h) {
        long seed = 11L * cin + cout + k + w * 31L + h;
        SeededRandom r = new SeededRandom(seed);
        FeatureMap in = new FeatureMap(cin, h, w, r.floats(cin * h * w, 2f));
        Conv conv = new Conv(cout, cin, k, r.floats(cout * cin * k * k, 0.5f), r.floats(cout, 0.5f));
        float[] expected = DenseConv.apply(in, conv, SEQUENTIAL).data();
        ClBuffer out = empty(4L * cout * h * w);
        try (ClDenseConv op = new ClDenseConv(ctx, OPTIONS)) {
            op.run(upload(in.data()), upload(conv.weight()), upload(conv.bias()), out, cin, cout, k, w, h);
        }
        Tolerance.assertFp32(expected, read(out, expected.length), "conv_dense_bias " + shape(seed, cin, cout, k, w, h));
    }

    @ParameterizedTest(name = "cin={0} cout={1} {2}x{3}")
    @CsvSource({"1,1,1,1", "5,7,7,5", "13,3,15,7", "64,128,9,4", "128,64,3,11", "6,9,1,1"})
    void pointwiseConvs(int cin, int cout, int w, int h) {
        long seed = 7L * cin + 13L * cout + w + h;
        SeededRandom r = new SeededRandom(seed);
        FeatureMap in = new FeatureMap(cin, h, w, r.floats(cin * h * w, 3f));
        FeatureMap y = new FeatureMap(cout, h, w, r.floats(cout * h * w, 3f));
        float[] weight = r.floats(cin * cout, 1f);
        float muRes = r.nextFloat(0.5f, 2f);
        float muX = r.nextFloat(0.5f, 2f);
        float[] expectedExpand = PointwiseConv.expandRelu6(in, weight, cout, SEQUENTIAL).data();
        float[] expectedProject = PointwiseConv.projectFuse(in, weight, muRes, y, muX, SEQUENTIAL).data();
        int plane = w * h;
        ClBuffer out = empty(4L * cout * plane);
        ClBuffer yBuf = upload(y.data());
        try (ClPointwiseConv op = new ClPointwiseConv(ctx, OPTIONS, 4)) {
            ClBuffer inBuf = upload(in.data());
            ClBuffer wBuf = upload(weight);
            op.expandRelu6(inBuf, wBuf, out, cin, cout, plane);
            Tolerance.assertFp32(expectedExpand, read(out, expectedExpand.length), "conv1x1_expand_relu6 " + shape(seed, cin, cout, w, h));
            op.projectFuse(inBuf, wBuf, yBuf, yBuf, cin, cout, plane, muRes, muX); // in place, as the network runs it
            Tolerance.assertFp32(expectedProject, read(yBuf, expectedProject.length), "conv1x1_project_fuse " + shape(seed, cin, cout, w, h));
        }
    }

    @ParameterizedTest(name = "c={0} {1}x{2}")
    @CsvSource({"1,1,1", "7,7,5", "3,15,7", "128,6,2", "5,1,9"})
    void depthwiseConv(int c, int w, int h) {
        long seed = 101L * c + w * 7L + h;
        SeededRandom r = new SeededRandom(seed);
        FeatureMap in = new FeatureMap(c, h, w, r.floats(c * h * w, 4f));
        float[] weight = r.floats(c * 9, 1f);
        float[] expected = DepthwiseConv3x3.applyRelu6(in, weight, SEQUENTIAL).data();
        ClBuffer out = empty(4L * c * h * w);
        try (ClDepthwiseConv op = new ClDepthwiseConv(ctx, OPTIONS)) {
            op.run(upload(in.data()), upload(weight), out, c, w, h);
        }
        Tolerance.assertFp32(expected, read(out, expected.length), "dwconv3x3_relu6 " + shape(seed, c, w, h));
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"1", "35", "1001"})
    void fuseResidual(int n) {
        SeededRandom r = new SeededRandom(n);
        FeatureMap t = new FeatureMap(1, 1, n, r.floats(n, 5f));
        FeatureMap y = new FeatureMap(1, 1, n, r.floats(n, 5f));
        float a = r.nextFloat(0.2f, 2f);
        float b = r.nextFloat(0.2f, 2f);
        float[] expected = FuseResidual.apply(a, t, b, y).data();
        ClBuffer tb = upload(t.data());
        try (ClFuseResidual op = new ClFuseResidual(ctx, OPTIONS)) {
            op.run(tb, upload(y.data()), tb, a, b, n); // in place
        }
        Tolerance.assertFp32(expected, read(tb, n), "fuse_residual seed=" + n + " n=" + n);
    }

    @ParameterizedTest(name = "s={0} {1}x{2} {3}")
    @CsvSource({"2,1,1,BITS_8", "3,7,5,BITS_8", "4,15,7,BITS_8", "2,5,9,BITS_8", "2,1,1,BITS_16", "3,7,5,BITS_16",
            "4,15,7,BITS_16"})
    void pixelShuffleAndNormalise(int s, int w, int h, SampleDepth depth) {
        long seed = 1000L * s + w * 17L + h + depth.ordinal();
        SeededRandom r = new SeededRandom(seed);
        int ch = 3 * s * s;
        FeatureMap tail = new FeatureMap(ch, h, w, r.floats(ch * h * w, 1.2f)); // spans below 0 and above the top
        FeatureMap skip = new FeatureMap(ch, h, w, r.floats(ch * h * w, 0.3f));
        byte[] expected = PixelShuffle.apply(tail, skip, s, depth).rgb();
        ClBuffer out = empty((long) w * h * s * s * 3 * depth.bytes());
        try (ClPixelShuffle op = new ClPixelShuffle(ctx, OPTIONS)) {
            op.run(upload(tail.data()), upload(skip.data()), out, depth, w, h, s);
        }
        byte[] actual = new byte[expected.length];
        out.read(actual);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, "pixel_shuffle_denorm " + depth + " " + shape(seed, s, w, h));

        RgbImage rgb = new RgbImage(w, h, r.bytes(w * h * 3 * depth.bytes()), depth);
        float[] expectedNorm = Normalize.apply(rgb).data();
        ClBuffer rgbBuf = empty(Math.max(4, rgb.rgb().length));
        rgbBuf.write(rgb.rgb());
        ClBuffer norm = empty(12L * w * h);
        try (ClNormalize op = new ClNormalize(ctx, OPTIONS)) {
            op.run(rgbBuf, depth, norm, w, h);
        }
        Tolerance.assertFp32(expectedNorm, read(norm, expectedNorm.length), "unpack_rgb_normalise " + depth + " " + shape(seed, w, h));
    }
}
