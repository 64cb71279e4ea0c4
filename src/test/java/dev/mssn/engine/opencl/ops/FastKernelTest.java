package dev.mssn.engine.opencl.ops;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.testutil.Half;
import dev.mssn.testutil.Requires;
import dev.mssn.testutil.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast kernel against its exact twin on the same device, for launch parameters from one
 * pixel per item to 16-pixel vectors, on shapes whose sizes are not multiples of the vector width
 * or the outputs per item, with fp32 and fp16 storage. The fast kernels use fma, so the margin
 * scales with the sum of the terms' magnitudes (computed here in double).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastKernelTest {

    private static final int OUT_PER_ITEM = 4;
    private static final List<LaunchParams> PARAMS = List.of(new LaunchParams(1, 1, 1, 1), new LaunchParams(2, 3, 2, 4),
            new LaunchParams(4, 8, 1, 64), new LaunchParams(16, 8, 0, 1), new LaunchParams(8, 16, 3, 2), new LaunchParams(16, 5, 0, 16));

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

    /** Activations as the device stores them: floats, or halves packed two to a float slot's bytes. */
    private ClBuffer activations(float[] data, boolean half) {
        if (!half) {
            return upload(data);
        }
        byte[] bytes = new byte[2 * data.length];
        for (int i = 0; i < data.length; i++) {
            short h = Half.bits(data[i]);
            bytes[2 * i] = (byte) h;
            bytes[2 * i + 1] = (byte) (h >> 8);
        }
        return test.upload(bytes);
    }

    private static float[] read(ClBuffer b, int n, boolean half) {
        if (!half) {
            float[] out = new float[n];
            b.read(out);
            return out;
        }
        byte[] bytes = new byte[(int) b.bytes()];
        b.read(bytes);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Half.value((short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8)));
        }
        return out;
    }

    private static BuildOptions options(boolean half) {
        return BuildOptions.of(half ? Storage.FP16 : Storage.FP32).plus("-DOUT_PER_ITEM=" + OUT_PER_ITEM);
    }

    /** Stored values inputs can hold exactly at either precision. */
    private static float[] values(SeededRandom r, int n, float scale, boolean half) {
        float[] v = r.floats(n, scale);
        if (half) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Half.round(v[i]);
            }
        }
        return v;
    }

    /** Fast within the margin of exact: 1e-5 of the terms' magnitude, plus half an fp16 step of the value when stored as half. */
    private static void assertClose(float[] exact, float[] fast, double[] magnitude, boolean half, String what) {
        for (int i = 0; i < exact.length; i++) {
            double margin = 1e-6 + 1e-5 * magnitude[i] + (half ? Math.abs(exact[i]) / 1024 + 1e-7 * magnitude[i] : 0);
            if (!(Math.abs(exact[i] - fast[i]) <= margin)) {
                fail(what + ": first mismatch at index " + i + ": exact " + exact[i] + ", fast " + fast[i] + " (margin " + margin + ")");
            }
        }
    }

    static Stream<Arguments> pointwiseCases() {
        int[][] shapes = {{1, 1, 1, 1}, {5, 7, 7, 5}, {13, 3, 15, 7}, {64, 128, 9, 4}, {128, 64, 17, 3}, {32, 64, 33, 1}};
        return cases(shapes);
    }

    static Stream<Arguments> depthwiseCases() {
        int[][] shapes = {{1, 1, 1}, {7, 7, 5}, {3, 17, 7}, {5, 1, 9}, {4, 18, 3}, {2, 35, 2}};
        return cases(shapes);
    }

    static Stream<Arguments> denseCases() {
        int[][] shapes = {{3, 7, 3, 1, 1}, {3, 12, 5, 15, 7}, {5, 27, 3, 17, 9}, {64, 12, 3, 19, 4}, {3, 64, 3, 33, 2}, {7, 3, 5, 2, 3}};
        return cases(shapes);
    }

    static Stream<Arguments> fusedCases() {
        int[][] shapes = {{5, 16, 1, 1}, {13, 16, 7, 5}, {64, 128, 17, 9}, {32, 64, 33, 3}, {3, 16, 2, 19}, {6, 32, 40, 2}};
        List<LaunchParams> fused = List.of(new LaunchParams(1, 4, 1, 4), new LaunchParams(2, 8, 3, 4), new LaunchParams(4, 16, 8, 16),
                new LaunchParams(16, 8, 4, 1), new LaunchParams(8, 4, 5, 2), new LaunchParams(16, 16, 16, 4));
        List<Arguments> out = new ArrayList<>();
        for (int s = 0; s < shapes.length; s++) {
            for (int k = 0; k < 2; k++) {
                out.add(Arguments.of(fused.get((s + k * 3) % fused.size()), shapes[s], (s + k) % 2 == 1));
            }
        }
        return out.stream();
    }

    private static Stream<Arguments> cases(int[][] shapes) {
        List<Arguments> out = new ArrayList<>();
        for (int s = 0; s < shapes.length; s++) {
            // every shape with two parameter sets, every parameter set with two shapes, fp16 every other case
            for (int k = 0; k < 2; k++) {
                LaunchParams p = PARAMS.get((s + k * 3) % PARAMS.size());
                out.add(Arguments.of(p, shapes[s], (s + k) % 2 == 1));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, shape {1}, half {2}")
    @MethodSource("pointwiseCases")
    void pointwise(LaunchParams params, int[] shape, boolean half) {
        Requires.noDriverDefect(ctx.device(), FastKernel.POINTWISE, params);
        int cin = shape[0];
        int cout = shape[1];
        int plane = shape[2] * shape[3];
        SeededRandom r = new SeededRandom(31L * cin + cout + plane + params.vw());
        float[] in = values(r, cin * plane, 3f, half);
        float[] y = values(r, cout * plane, 3f, half);
        float[] weight = r.floats(cin * cout, 1f);
        float muRes = r.nextFloat(0.5f, 2f);
        float muX = r.nextFloat(0.5f, 2f);
        double[] magnitude = new double[cout * plane];
        for (int o = 0; o < cout; o++) {
            for (int p = 0; p < plane; p++) {
                double m = 0;
                for (int i = 0; i < cin; i++) {
                    m += Math.abs((double) weight[o * cin + i] * in[i * plane + p]);
                }
                magnitude[o * plane + p] = m;
            }
        }
        double[] projectMagnitude = new double[magnitude.length];
        for (int i = 0; i < magnitude.length; i++) {
            projectMagnitude[i] = muRes * magnitude[i] + muX * Math.abs(y[i]);
        }
        String what = "pointwise " + params + " cin=" + cin + " cout=" + cout + " plane=" + plane + (half ? " fp16" : "");
        try (ClPointwiseConv exact = new ClPointwiseConv(ctx, options(half), OUT_PER_ITEM);
             ClPointwiseConvFast fast = new ClPointwiseConvFast(ctx, options(half), params)) {
            ClBuffer inBuf = activations(in, half);
            ClBuffer exactOut = activations(new float[cout * plane], half);
            ClBuffer fastOut = activations(new float[cout * plane], half);
            ClBuffer w = upload(weight);
            ClBuffer packed = upload(fast.pack(weight, cin, cout));
            exact.expandRelu6(inBuf, w, exactOut, cin, cout, plane);
            fast.expandRelu6(inBuf, packed, fastOut, cin, cout, plane);
            assertClose(read(exactOut, cout * plane, half), read(fastOut, cout * plane, half), magnitude, half, "expand " + what);

            ClBuffer exactY = activations(y, half);
            ClBuffer fastY = activations(y, half);
            exact.projectFuse(inBuf, w, exactY, exactY, cin, cout, plane, muRes, muX);
            fast.projectFuse(inBuf, packed, fastY, fastY, cin, cout, plane, muRes, muX); // in place, as the network runs it
            assertClose(read(exactY, cout * plane, half), read(fastY, cout * plane, half), projectMagnitude, half, "project " + what);
        }
    }

    @ParameterizedTest(name = "{0}, shape {1}, half {2}")
    @MethodSource("depthwiseCases")
    void depthwise(LaunchParams launch, int[] shape, boolean half) {
        LaunchParams params = new LaunchParams(launch.vw(), 1, 1, launch.localX());
        Requires.noDriverDefect(ctx.device(), FastKernel.DEPTHWISE, params);
        int c = shape[0];
        int w = shape[1];
        int h = shape[2];
        SeededRandom r = new SeededRandom(101L * c + 7L * w + h + params.vw());
        float[] in = values(r, c * w * h, 4f, half);
        float[] weight = r.floats(c * 9, 1f);
        double[] absIn = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            absIn[i] = Math.abs(in[i]);
        }
        double[] magnitude = depthwiseMagnitude(weight, absIn, c, w, h);
        try (ClDepthwiseConv exact = new ClDepthwiseConv(ctx, options(half));
             ClDepthwiseConvFast fast = new ClDepthwiseConvFast(ctx, options(half), params)) {
            ClBuffer inBuf = activations(in, half);
            ClBuffer wBuf = upload(weight);
            ClBuffer exactOut = activations(new float[c * w * h], half);
            ClBuffer fastOut = activations(new float[c * w * h], half);
            exact.run(inBuf, wBuf, exactOut, c, w, h);
            fast.run(inBuf, wBuf, fastOut, c, w, h);
            assertClose(read(exactOut, c * w * h, half), read(fastOut, c * w * h, half), magnitude, half,
                    "depthwise " + params + " c=" + c + " " + w + "x" + h + (half ? " fp16" : ""));
        }
    }

    /** For each output of a 3x3 depthwise convolution, the sum of |weight| times each tap's input magnitude (the error scale). */
    private static double[] depthwiseMagnitude(float[] weight, double[] inputMagnitude, int c, int w, int h) {
        double[] magnitude = new double[c * w * h];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double m = 0;
                    for (int ky = -1; ky <= 1; ky++) {
                        for (int kx = -1; kx <= 1; kx++) {
                            if (y + ky >= 0 && y + ky < h && x + kx >= 0 && x + kx < w) {
                                m += Math.abs(weight[ch * 9 + (ky + 1) * 3 + kx + 1]) * inputMagnitude[(ch * h + y + ky) * w + x + kx];
                            }
                        }
                    }
                    magnitude[(ch * h + y) * w + x] = m;
                }
            }
        }
        return magnitude;
    }

    @ParameterizedTest(name = "{0}, shape {1}, half {2}")
    @MethodSource("denseCases")
    void dense(LaunchParams launch, int[] shape, boolean half) {
        LaunchParams params = new LaunchParams(launch.vw(), launch.perItem(), 1, launch.localX());
        Requires.noDriverDefect(ctx.device(), FastKernel.DENSE, params);
        int cin = shape[0];
        int cout = shape[1];
        int k = shape[2];
        int w = shape[3];
        int h = shape[4];
        int plane = w * h;
        SeededRandom r = new SeededRandom(11L * cin + cout + k + 31L * w + h + params.vw());
        float[] in = values(r, cin * plane, 2f, half);
        float[] weight = r.floats(cout * cin * k * k, 0.5f);
        float[] bias = r.floats(cout, 0.5f);
        double[] magnitude = new double[cout * plane];
        int rad = k / 2;
        for (int o = 0; o < cout; o++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double m = Math.abs(bias[o]);
                    for (int ci = 0; ci < cin; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int yy = y + ky - rad;
                                int xx = x + kx - rad;
                                if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                    m += Math.abs((double) weight[((o * cin + ci) * k + ky) * k + kx] * in[ci * plane + yy * w + xx]);
                                }
                            }
                        }
                    }
                    magnitude[o * plane + y * w + x] = m;
                }
            }
        }
        try (ClDenseConv exact = new ClDenseConv(ctx, options(half)); ClDenseConvFast fast = new ClDenseConvFast(ctx, options(half), params)) {
            ClBuffer inBuf = activations(in, half);
            ClBuffer exactOut = activations(new float[cout * plane], half);
            ClBuffer fastOut = activations(new float[cout * plane], half);
            exact.run(inBuf, upload(weight), upload(bias), exactOut, cin, cout, k, w, h);
            fast.run(inBuf, upload(fast.packWeight(weight, cin, cout, k)), upload(fast.packBias(bias)), fastOut, cin, cout, k, w, h);
            assertClose(read(exactOut, cout * plane, half), read(fastOut, cout * plane, half), magnitude, half,
                    "dense " + params + " cin=" + cin + " cout=" + cout + " k=" + k + " " + w + "x" + h + (half ? " fp16" : ""));
        }
    }

    @ParameterizedTest(name = "{0}, shape {1}, half {2}")
    @MethodSource("fusedCases")
    void expandDepthwiseFused(LaunchParams params, int[] shape, boolean half) {
        Requires.noDriverDefect(ctx.device(), FastKernel.EXPAND_DEPTHWISE, params);
        int cin = shape[0];
        int hidden = shape[1];
        int w = shape[2];
        int h = shape[3];
        int plane = w * h;
        SeededRandom r = new SeededRandom(17L * cin + hidden + 7L * w + h + params.vw());
        float[] in = values(r, cin * plane, 2f, half);
        float[] expand = r.floats(hidden * cin, 0.6f);
        float[] dw = r.floats(hidden * 9, 1f);
        // magnitude: the depthwise sum of |w| times each tap's expansion magnitude (ReLU6 only shrinks it)
        double[] expandMagnitude = new double[hidden * plane];
        for (int o = 0; o < hidden; o++) {
            for (int p = 0; p < plane; p++) {
                double m = 0;
                for (int i = 0; i < cin; i++) {
                    m += Math.abs((double) expand[o * cin + i] * in[i * plane + p]);
                }
                expandMagnitude[o * plane + p] = Math.min(m, 6);
            }
        }
        double[] magnitude = depthwiseMagnitude(dw, expandMagnitude, hidden, w, h);
        try (ClPointwiseConv expandExact = new ClPointwiseConv(ctx, options(half), OUT_PER_ITEM);
             ClDepthwiseConv dwExact = new ClDepthwiseConv(ctx, options(half));
             ClExpandDepthwiseFused fused = new ClExpandDepthwiseFused(ctx, options(half), params)) {
            ClBuffer inBuf = activations(in, half);
            ClBuffer dwBuf = upload(dw);
            ClBuffer t1 = activations(new float[hidden * plane], half);
            ClBuffer exactOut = activations(new float[hidden * plane], half);
            ClBuffer fusedOut = activations(new float[hidden * plane], half);
            expandExact.expandRelu6(inBuf, upload(expand), t1, cin, hidden, plane);
            dwExact.run(t1, dwBuf, exactOut, hidden, w, h);
            fused.run(inBuf, upload(fused.pack(expand, cin, hidden)), dwBuf, fusedOut, cin, hidden, w, h);
            if (half) {
                // the exact pair stores the expanded tensor as half, the fused kernel keeps it in float: one more rounding per tap
                for (int i = 0; i < magnitude.length; i++) {
                    magnitude[i] *= 1 + 1e5 / 2048;
                }
            }
            assertClose(read(exactOut, hidden * plane, half), read(fusedOut, hidden * plane, half), magnitude, half,
                    "expand+depthwise " + params + " cin=" + cin + " hidden=" + hidden + " " + w + "x" + h + (half ? " fp16" : ""));
        }
    }
}
