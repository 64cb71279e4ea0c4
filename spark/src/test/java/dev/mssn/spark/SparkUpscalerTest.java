package dev.mssn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.AvailableDevice;
import dev.mssn.Precision;
import dev.mssn.cli.MssnCommand;
import dev.mssn.testutil.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkUpscalerTest {

    @Test
    void everyImageComesBackAsTheCommandLinesPngAndEveryFailureAsARow(@TempDir Path dir) throws Exception {
        Path in = TestImages.folder(dir.resolve("in"));
        SparkSession spark = SparkSessions.local();
        // a limit of its own makes a resolver key no other test uses, so exactly one new resolver is expected
        SparkUpscaler upscaler = SparkUpscaler.builder().optModel("mssn-s").optDevice("cpu")
                .optMaxInputPixels(TestImages.PIXEL_LIMIT + 1).build();
        int before = ExecutorResolvers.created();
        Dataset<Row> files = ImageFiles.under(spark, in.toString()).repartition(2);
        assertEquals(2, files.rdd().getNumPartitions());
        Map<String, Row> rows = upscaler.upscale(files).collectAsList().stream()
                .collect(Collectors.toMap(r -> new org.apache.hadoop.fs.Path(r.getString(0)).getName(),
                        Function.identity()));
        assertEquals(TestImages.IMAGES, rows.size(), rows.keySet().toString());
        assertEquals(1, ExecutorResolvers.created() - before, "one resolver for the executor, not one per row or task");

        Row broken = rows.get("broken.png");
        assertNull(broken.get(1));
        assertTrue(broken.getString(7).contains("broken.png"), broken.getString(7));
        Row huge = rows.get("huge.png");
        assertNull(huge.get(1));
        assertTrue(huge.getString(7).contains("megapixel"), huge.getString(7));

        Path cliOut = Files.createDirectories(dir.resolve("cli"));
        for (String name : List.of("rgb.png", "grey.png", "alpha.png", "photo.jpg", "nested.png")) {
            Row r = rows.get(name);
            assertNull(r.get(7), name + ": " + r.get(7));
            Path source = name.equals("nested.png") ? in.resolve("sub dir/nested.png") : in.resolve(name);
            Path expected = cliOut.resolve(name + ".png");
            ChildJvm.Result cli = ChildJvm.run(MssnCommand.class, List.of("-Xmx512m"),
                    "upscale", "-m", "mssn-s", "-d", "cpu", source.toString(), expected.toString());
            assertEquals(0, cli.exit(), cli.log());
            assertArrayEquals(Files.readAllBytes(expected), (byte[]) r.get(1), name + ": the bytes bin/mssn upscale writes");
            assertEquals("mssn-s", r.getString(4));
            assertTrue(r.getString(5).startsWith("cpu ("), r.getString(5));
            assertTrue(r.getLong(6) >= 0);
        }
        assertEquals(384, rows.get("rgb.png").getInt(2));
        assertEquals(256, rows.get("rgb.png").getInt(3));
        assertEquals(82, rows.get("grey.png").getInt(2));
    }

    @Test
    void aDatasetWithoutTheBinaryFileColumnsIsRefused() {
        SparkSession spark = SparkSessions.local();
        Dataset<Row> wrong = spark.range(3).toDF("id");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkUpscaler.builder().build().upscale(wrong));
        assertTrue(e.getMessage().contains("path and content"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkUpscaler.builder().optScale(5).build());
        // a typo in the model fails on the driver, not in every task
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> SparkUpscaler.builder().optModel("mssn-x").build());
        assertTrue(model.getMessage().startsWith("no embedded model 'mssn-x' for x2; embedded at x2: "), model.getMessage());
    }

    @Test
    void aTaskRunsOnTheGpuSparkAssignedIt() {
        UpscaleSettings s = new UpscaleSettings("mssn-m", 2, "auto", Precision.FP32, 1000);
        assertEquals("opencl:3", s.deviceFor(new String[] {"opencl:3"}));
        assertEquals("3", s.deviceFor(new String[] {"3"}), "a bare index is the N-th OpenCL device's spec");
        assertEquals("auto", s.deviceFor(new String[0]));
        assertEquals("auto", s.deviceFor(null));
    }

    @Test
    void discoveryPrintsSparksResourceJsonAndNothingElseOnStandardOutput() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.level=error", "-cp", System.getProperty("java.class.path"), GpuDiscovery.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor());
        assertTrue(out.matches("\\{\"name\":\"gpu\",\"addresses\":\\[(\"[^\"]+\"(,\"[^\"]+\")*)?]}"), out);
        List<String> gpus = dev.mssn.GpuSuperResolver.availableDevices().stream().filter(AvailableDevice::gpu)
                .map(AvailableDevice::spec).toList();
        for (String spec : gpus) {
            assertTrue(out.contains('"' + spec + '"'), out);
        }
    }

    @Test
    void discoveryListsTheGpusByTheirDeviceSpecs() {
        List<AvailableDevice> devices = List.of(new AvailableDevice("cpu", "cpu (8 threads)", false),
                new AvailableDevice("opencl:0", "opencl:0 pthread (PoCL)", false),
                new AvailableDevice("opencl:1", "opencl:1 NVIDIA H200", true),
                new AvailableDevice("opencl:2", "opencl:2 AMD MI300", true));
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"opencl:1\",\"opencl:2\"]}", GpuDiscovery.json(devices));
        assertEquals("{\"name\":\"gpu\",\"addresses\":[]}", GpuDiscovery.json(devices.subList(0, 2)));
    }
}
