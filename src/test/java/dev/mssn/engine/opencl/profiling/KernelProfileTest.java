package dev.mssn.engine.opencl.profiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.opencl.network.ClBackend;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Variant;
import dev.mssn.testutil.RandomModels;
import dev.mssn.testutil.Requires;
import dev.mssn.testutil.SeededRandom;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Profiling events through the binding in use: every kernel and transfer of a tile is timed on the device clock. */
class KernelProfileTest {

    @Test
    void aProfiledTileRecordsItsKernelsAndTransfers() {
        MssnParameters p = MssnParameters.of(RandomModels.weights(ModelSpec.of(Variant.MSSN_S, 2), 5));
        KernelProfile profile = new KernelProfile();
        try (ClBackend cl = new ClBackend(Requires.openCl(), profile); Network net = cl.load(p)) {
            RgbImage lr = new RgbImage(24, 16, new SeededRandom(5).bytes(24 * 16 * 3));
            net.upscale(lr);
            net.upscale(lr);
        }
        Map<String, KernelProfile.Entry> byName = profile.collect().stream()
                .collect(Collectors.toMap(KernelProfile.Entry::name, Function.identity()));
        assertEquals(2, byName.get("upload").launches(), byName.keySet().toString());
        assertEquals(2, byName.get("download").launches());
        assertEquals(24 * 16 * 3 * 2, byName.get("upload").bytes(), "two 8-bit RGB tiles up");
        assertTrue(byName.size() > 4, "kernels recorded: " + byName.keySet());
        for (KernelProfile.Entry e : byName.values()) {
            assertTrue(e.totalNanos() > 0, e.name() + " has a device time");
        }
    }
}
