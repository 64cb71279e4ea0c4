package dev.mssn.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.SeededRandom;
import dev.mssn.testutil.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each primitive of both implementations against a naive double-precision loop, on awkward
 * shapes (pixel counts not a multiple of the 4-pixel block, channel counts that leave
 * remainder blocks), and the vectorised one against the scalar one bit for bit.
 */
class KernelsTest {

    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels VECTOR = KernelsLoader.load(true);

    @org.junit.jupiter.api.Test
    void theTestJvmRunsTheVectorisedKernels() {
        assertTrue(VECTOR instanceof VectorKernels, "surefire adds jdk.incubator.vector, so " + VECTOR.describe() + " should be vectorised");
    }

    @ParameterizedTest(name = "{0} px, {1} -> {2}, accumulate {3}, relu6 {4}")
    @CsvSource({"1,3,16,false,false", "3,64,128,false,true", "5,128,64,false,false", "7,64,48,true,false",
            "17,3,64,true,false", "4,7,32,false,true", "9,64,16,true,false", "2,256,64,false,false",
            "12,64,48,true,true", "8,64,96,false,false"})
    void pointwiseMatchesANaiveLoop(int pixels, int cin, int cout, boolean accumulate, boolean relu6) {
        SeededRandom r = new SeededRandom(pixels * 1000L + cin * 10L + cout);
        int srcStride = cin + 2; // a pixel stride wider than the channels, as when reading a tap of a wider map
        int dstStride = cout + VECTOR.lanes();
        float[] src = r.floats(pixels * srcStride + 5, 2f);
        float[] w = r.floats(cin * cout + 3, 0.5f);
        float[] init = r.floats(pixels * dstStride + 7, 1f);
        float[] expected = init.clone();
        float[] magnitude = new float[init.length];
        for (int p = 0; p < pixels; p++) {
            for (int o = 0; o < cout; o++) {
                double acc = accumulate ? init[2 + p * dstStride + o] : 0;
                double sumOfAbs = Math.abs(acc);
                for (int i = 0; i < cin; i++) {
                    double term = (double) src[1 + p * srcStride + i] * w[3 + i * cout + o];
                    acc += term;
                    sumOfAbs += Math.abs(term);
                }
                float v = (float) acc;
                expected[2 + p * dstStride + o] = relu6 ? Math.min(Math.max(v, 0f), 6f) : v;
                magnitude[2 + p * dstStride + o] = (float) sumOfAbs;
            }
        }
        float[] scalar = init.clone();
        SCALAR.pointwise(src, 1, srcStride, cin, panels(w, cin, cout, SCALAR), 3, cout, scalar, 2, dstStride, pixels, accumulate, relu6);
        float[] vector = init.clone();
        VECTOR.pointwise(src, 1, srcStride, cin, panels(w, cin, cout, VECTOR), 3, cout, vector, 2, dstStride, pixels, accumulate, relu6);
        Tolerance.assertFp32Sums(expected, magnitude, scalar, "scalar pointwise");
        assertArrayEquals(scalar, vector, "vectorised pointwise differs from scalar");
    }

    /** The [cin][cout] matrix stored from index 3 of w, packed into the kernels' panels from index 3. */
    private static float[] panels(float[] w, int cin, int cout, Kernels kernels) {
        float[] matrix = java.util.Arrays.copyOfRange(w, 3, 3 + cin * cout);
        float[] out = new float[w.length];
        System.arraycopy(WeightPanels.pack(matrix, cin, cout, kernels), 0, out, 3, cin * cout);
        return out;
    }

    @ParameterizedTest(name = "{0} px, {1} channels")
    @CsvSource({"1,16", "3,64", "4,128", "7,32", "16,128", "21,256"})
    void depthwiseMatchesANaiveLoop(int pixels, int channels) {
        SeededRandom r = new SeededRandom(pixels * 31L + channels);
        int rowLength = (pixels + 2) * channels;
        float[] in = r.floats(3 * rowLength + 11, 3f);
        float[] w = r.floats(9 * channels, 0.5f);
        int[] rows = {11, 11 + 2 * rowLength, 11 + rowLength}; // rows in any order in the buffer
        float[] expected = new float[pixels * channels + 1];
        float[] magnitude = new float[expected.length];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                double acc = 0;
                double sumOfAbs = 0;
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        double term = (double) w[(ky * 3 + kx) * channels + c] * in[rows[ky] + (p + kx) * channels + c];
                        acc += term;
                        sumOfAbs += Math.abs(term);
                    }
                }
                expected[1 + p * channels + c] = Math.min(Math.max((float) acc, 0f), 6f);
                magnitude[1 + p * channels + c] = (float) sumOfAbs;
            }
        }
        float[] scalar = new float[expected.length];
        SCALAR.depthwiseRelu6(in, rows[0], rows[1], rows[2], channels, w, scalar, 1, pixels);
        float[] vector = new float[expected.length];
        VECTOR.depthwiseRelu6(in, rows[0], rows[1], rows[2], channels, w, vector, 1, pixels);
        Tolerance.assertFp32Sums(expected, magnitude, scalar, "scalar depthwise");
        assertArrayEquals(scalar, vector, "vectorised depthwise differs from scalar");
    }

    @ParameterizedTest(name = "{0} values")
    @CsvSource({"1", "15", "64", "77"})
    void weightedSumIsTwoProductsAndASum(int n) {
        SeededRandom r = new SeededRandom(n);
        float[] x = r.floats(n + 1, 4f);
        float[] y = r.floats(n + 2, 4f);
        float[] expected = new float[n + 3];
        for (int i = 0; i < n; i++) {
            expected[3 + i] = 0.7f * x[1 + i] + 1.3f * y[2 + i];
        }
        for (Kernels k : new Kernels[] {SCALAR, VECTOR}) {
            float[] out = new float[n + 3];
            k.weightedSum(0.7f, x, 1, 1.3f, y, 2, out, 3, n);
            assertArrayEquals(expected, out, k.describe());
        }
    }
}
