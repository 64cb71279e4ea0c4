package dev.mssn.engine.cpu;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Variant;
import dev.mssn.testutil.RandomModels;
import dev.mssn.testutil.SeededRandom;
import java.util.Arrays;

/**
 * Run by {@link CpuNetworkTest} in a JVM told it has fewer processors (-XX:ActiveProcessorCount):
 * the default CPU backend takes that many threads and gives the one-thread result bit for bit.
 * Exits non-zero on any difference.
 */
public final class ProcessorCountMain {

    public static void main(String[] args) {
        MssnParameters p = MssnParameters.of(RandomModels.weights(ModelSpec.of(Variant.MSSN_M, 2), 5));
        RgbImage lr = new RgbImage(23, 41, new SeededRandom(3).bytes(23 * 41 * 3));
        try (CpuBackend all = new CpuBackend(); Network n = all.load(p);
             CpuBackend one = new CpuBackend(1, true); Network single = one.load(p)) {
            if (!Arrays.equals(single.upscale(lr).rgb(), n.upscale(lr).rgb())) {
                throw new AssertionError(all.describe() + " differs from one thread");
            }
            System.out.println(all.describe() + ": equal to one thread");
        }
    }
}
