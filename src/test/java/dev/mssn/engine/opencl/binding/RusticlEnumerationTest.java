package dev.mssn.engine.opencl.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mssn.testutil.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mesa's rusticl (the OpenCL of Mali on Panfrost and of AMD and Intel GPUs on Mesa's drivers)
 * checks the device-type bitfield strictly: with its llvmpipe device enabled, both bindings must
 * list that device. Its profiling timestamps are meaningless (every command takes a few
 * nanoseconds), so tuning it must stop with that reason rather than write an entry chosen by
 * noise. Needs Debian's mesa-opencl-icd; without it the test skips, unless
 * {@code -Dmssn.requireRusticl=true} (as CI sets) makes that a failure.
 */
class RusticlEnumerationTest {

    @Test
    void bothBindingsListRusticlsDeviceAndItsMeaninglessTimestampsStopTheTuner() throws Exception {
        if (!Files.exists(Path.of("/etc/OpenCL/vendors/rusticl.icd"))) {
            String why = "Mesa's rusticl is not installed (apt-get install mesa-opencl-icd)";
            if (Boolean.getBoolean("mssn.requireRusticl")) {
                fail(why + "; mssn.requireRusticl=true");
            }
            assumeTrue(false, why + "; skipping");
        }
        ChildJvm.Result r = ChildJvm.run(RusticlEnumerationMain.class, List.of("-Xmx256m"), entry -> true,
                Map.of("RUSTICL_ENABLE", "llvmpipe"));
        assertEquals(0, r.exit(), r.log());
        for (String binding : new String[] {"jocl", "lwjgl"}) {
            assertTrue(r.log().lines().anyMatch(l -> l.startsWith(binding + ": rusticl | llvmpipe")),
                    binding + " does not list rusticl's llvmpipe device:\n" + r.log());
        }
        assertTrue(r.log().contains("untimeable: ") && r.log().contains("cannot be tuned on the device clock"), r.log());
    }
}
