package dev.mssn.engine.opencl.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lookup order (device, vendor, type, default), the user file over the bundled one, and what bad files say. */
class TuningDatabaseTest {

    private static DeviceInfo device(String vendor, String name, DeviceInfo.Kind kind) {
        return new DeviceInfo(0, "Platform", name, vendor, "1.0", kind, 1L << 30, 1L << 28, 8, true, null, null, null);
    }

    private static TuningEntry entry(String key, int vw) {
        return new TuningEntry(key, "test", new LaunchParams(vw, 8, 0, 1), new LaunchParams(vw, 1, 1, 1), new LaunchParams(vw, 4, 1, 1),
                null, "by hand");
    }

    @Test
    void bundledEntriesCoverEveryDeviceType() {
        TuningDatabase db = TuningDatabase.load(Path.of("does-not-exist.json"));
        assertEquals("type:CPU", db.lookup(device("Some CPU vendor", "cpu", DeviceInfo.Kind.CPU)).key());
        for (DeviceInfo.Kind kind : List.of(DeviceInfo.Kind.ACCELERATOR, DeviceInfo.Kind.OTHER)) {
            assertEquals("default", db.lookup(device("Nobody", "thing", kind)).key());
        }
        assertEquals("bundled", db.lookup(device("Nobody", "thing", DeviceInfo.Kind.OTHER)).source());
        assertEquals(List.of("device:ACME/Turbo 9", "vendor:ACME", "type:GPU", "default"),
                TuningDatabase.keysFor(device(" ACME ", "Turbo 9 ", DeviceInfo.Kind.INTEGRATED_GPU)));
    }

    /** The vendor strings the drivers report: the vendors' own, then Mesa's rusticl over radeonsi, iris, Panfrost and nouveau. */
    @ParameterizedTest
    @CsvSource({
        "NVIDIA Corporation, vendor:NVIDIA", "NVIDIA, vendor:NVIDIA",
        "'Advanced Micro Devices, Inc.', vendor:AMD", "AMD, vendor:AMD",
        "Intel(R) Corporation, vendor:Intel", "Intel, vendor:Intel",
        "ARM, vendor:ARM", "Arm, vendor:ARM"})
    void gpusOfEachVendorGetTheirVendorsShippedEntry(String vendor, String key) {
        TuningDatabase db = TuningDatabase.load(Path.of("does-not-exist.json"));
        for (DeviceInfo.Kind kind : List.of(DeviceInfo.Kind.DISCRETE_GPU, DeviceInfo.Kind.INTEGRATED_GPU)) {
            TuningEntry found = db.lookup(device(vendor, "Some GPU", kind));
            assertEquals(key, found.key());
            assertEquals("bundled", found.source());
            assertTrue(found.measured().startsWith("not measured: "), found.measured());
        }
    }

    @Test
    void cpusAndUnknownGpusGetNoVendorFamilysEntry() {
        TuningDatabase db = TuningDatabase.load(Path.of("does-not-exist.json"));
        // PoCL on AMD and Intel processors, AMD's own CPU driver, and llvmpipe under rusticl
        for (String vendor : List.of("AuthenticAMD", "GenuineIntel", "Advanced Micro Devices, Inc.", "Intel(R) Corporation", "Mesa/X.org")) {
            String key = db.lookup(device(vendor, "cpu", DeviceInfo.Kind.CPU)).key();
            assertTrue(key.equals("type:CPU") || key.equals("vendor:Mesa/X.org"), vendor + " -> " + key);
        }
        for (String vendor : List.of("Qualcomm", "Imagination Technologies", "Armada Graphics", "Mesa")) {
            assertEquals("default", db.lookup(device(vendor, "gpu", DeviceInfo.Kind.DISCRETE_GPU)).key(), vendor);
        }
        // a user's entry under the driver's own vendor string or the device comes first
        assertEquals(List.of("device:NVIDIA Corporation/X", "vendor:NVIDIA Corporation", "vendor:NVIDIA", "type:GPU", "default"),
                TuningDatabase.keysFor(device("NVIDIA Corporation", "X", DeviceInfo.Kind.DISCRETE_GPU)));
        assertEquals(List.of("device:AMD/X", "vendor:AMD", "type:GPU", "default"),
                TuningDatabase.keysFor(device("AMD", "X", DeviceInfo.Kind.DISCRETE_GPU)));
    }

    @Test
    void everyShippedEntryNamesWhereItsFiguresComeFrom() {
        for (TuningEntry e : TuningDatabase.bundled()) {
            assertTrue(e.measured() != null && (e.measured().startsWith("not measured: ") || e.measured().startsWith("bin/mssn tune on ")),
                    e.key() + ": " + e.measured());
        }
    }

    @Test
    void theMostSpecificEntryWinsAndTheUserFileOverridesTheBundledOne(@TempDir Path dir) {
        Path file = dir.resolve("nested/tuning.json");
        TuningDatabase db = TuningDatabase.load(file);
        DeviceInfo gpu = device("ACME", "Turbo 9", DeviceInfo.Kind.DISCRETE_GPU);
        String before = db.lookup(gpu).key();
        assertTrue(before.equals("type:GPU") || before.equals("default"), before);
        db.save(entry("vendor:ACME", 2));
        assertEquals("vendor:ACME", db.lookup(gpu).key());
        db.save(entry("device:ACME/Turbo 9", 4));
        db.save(entry("default", 8)); // a user default overrides the bundled one
        TuningDatabase reread = TuningDatabase.load(file);
        TuningEntry found = reread.lookup(gpu);
        assertEquals("device:ACME/Turbo 9", found.key());
        assertEquals(file.toString(), found.source());
        assertEquals(new LaunchParams(4, 8, 0, 1), found.pointwise());
        assertNull(found.expandDepthwise());
        assertEquals("by hand", found.measured());
        assertEquals(2, reread.lookup(device("ACME", "Other", DeviceInfo.Kind.DISCRETE_GPU)).pointwise().vw());
        assertEquals(8, reread.lookup(device("Else", "x", DeviceInfo.Kind.OTHER)).pointwise().vw());
    }

    @Test
    void fusedEntriesRoundTrip(@TempDir Path dir) {
        Path file = dir.resolve("t.json");
        TuningEntry e = entry("device:A/B", 1);
        TuningEntry fused = new TuningEntry(e.key(), "x", e.pointwise(), e.depthwise(), e.dense(), new LaunchParams(1, 16, 8, 64), "m");
        TuningDatabase.load(file).save(fused);
        assertEquals(new LaunchParams(1, 16, 8, 64), TuningDatabase.load(file).get("device:A/B").expandDepthwise());
    }

    @Test
    void badFilesSayWhatIsWrongAndWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\": 1, \"entries\": {\"default\": {\"pointwise\": {\"vw\": 3, \"perItem\": 8, \"blocks\": 1, \"localX\": 1},"
                + " \"depthwise\": {\"vw\": 1, \"perItem\": 1, \"blocks\": 1, \"localX\": 1}, \"dense\": {\"vw\": 1, \"perItem\": 1, \"blocks\": 1, \"localX\": 1}}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TuningDatabase.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("vector width must be 1, 2, 4, 8 or 16, got 3"),
                e.getMessage());

        Files.writeString(file, "{\"format\": 2, \"entries\": {}}");
        e = assertThrows(IllegalArgumentException.class, () -> TuningDatabase.load(file));
        assertTrue(e.getMessage().contains("format 2"), e.getMessage());

        Files.writeString(file, "{\"format\": 1, \"entries\": {\"default\": {\"depthwise\": {\"vw\": 1, \"perItem\": 1, \"blocks\": 1, \"localX\": 1}}}}");
        e = assertThrows(IllegalArgumentException.class, () -> TuningDatabase.load(file));
        assertTrue(e.getMessage().contains("entry 'default'") && e.getMessage().contains("pointwise"), e.getMessage());

        Files.writeString(file, "{\"format\": 1, \"entries\": {\"default\": {\"pointwize\": {\"vw\": 1, \"perItem\": 1, \"blocks\": 1, \"localX\": 1}}}}");
        e = assertThrows(IllegalArgumentException.class, () -> TuningDatabase.load(file));
        assertTrue(e.getMessage().contains("entry 'default'") && e.getMessage().contains("no fast kernel 'pointwize'"), e.getMessage());

        Files.writeString(file, "not json {");
        e = assertThrows(IllegalArgumentException.class, () -> TuningDatabase.load(file));
        assertTrue(e.getMessage().contains("is not valid"), e.getMessage());
    }

    @Test
    void launchParamsRefuseWhatNoKernelCanRun() {
        assertThrows(IllegalArgumentException.class, () -> new LaunchParams(1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LaunchParams(1, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LaunchParams(1, 1, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new TuningEntry("k", "s", new LaunchParams(1, 8, 1, 1),
                new LaunchParams(1, 2, 1, 1), new LaunchParams(1, 4, 1, 1), null, "depthwise computes one channel per item"));
        assertThrows(IllegalArgumentException.class, () -> new TuningEntry("k", "s", new LaunchParams(1, 8, 1, 1),
                new LaunchParams(1, 1, 1, 1), new LaunchParams(1, 4, 2, 1), null, "dense computes one block per item"));
    }
}
