package dev.mssn.engine.cpu;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Variant;
import dev.mssn.testutil.RandomModels;
import dev.mssn.testutil.SeededRandom;
import dev.mssn.testutil.Tolerance;
import java.util.Arrays;

/**
 * Run by {@link NarrowVectorsTest} in a JVM limited to 256-bit vectors: the vectorised CPU
 * path (then 8 lanes, 4x2 register blocks) must equal the scalar one bit for bit and stay
 * within one level of the reference. Exits non-zero on any difference.
 */
public final class NarrowVectorsMain {

    public static void main(String[] args) {
        for (Variant variant : new Variant[] {Variant.MSSN_S, Variant.MSSN_M}) {
            for (int scale : variant.scales()) {
                MssnParameters p = MssnParameters.of(RandomModels.weights(ModelSpec.of(variant, scale), 3));
                RgbImage lr = new RgbImage(21, 13, new SeededRandom(scale).bytes(21 * 13 * 3));
                try (CpuBackend vector = new CpuBackend(2, true); Network v = vector.load(p);
                     CpuBackend scalar = new CpuBackend(2, false); Network s = scalar.load(p);
                     JavaBackend reference = new JavaBackend(1); Network r = reference.load(p)) {
                    RgbImage out = v.upscale(lr);
                    if (!Arrays.equals(out.rgb(), s.upscale(lr).rgb())) {
                        throw new AssertionError(variant + " x" + scale + ": " + vector.describe() + " differs from scalar");
                    }
                    Tolerance.assertSamples(r.upscale(lr), out, variant + " x" + scale + " against the reference");
                    System.out.println(vector.describe() + " " + variant + " x" + scale + ": equal to scalar, within a level of the reference");
                }
            }
        }
    }
}
