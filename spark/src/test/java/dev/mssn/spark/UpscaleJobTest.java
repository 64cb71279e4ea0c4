package dev.mssn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpscaleJobTest {

    private static UpscaleJob.Summary run(ByteArrayOutputStream log, String... args) {
        return UpscaleJob.run(SparkSessions.local(), UpscaleJob.Options.parse(args),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesEveryImageUnderItsRelativeNameWithAManifestAndRefusesToOverwriteWithoutF(@TempDir Path dir) throws Exception {
        Path in = TestImages.folder(dir.resolve("in"));
        Path out = dir.resolve("out");
        String[] args = {"-m", "mssn-s", "-d", "cpu", "--max-megapixels", "0.2", in.toString(), out.toString()};
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        UpscaleJob.Summary s = run(log, args);
        assertEquals(TestImages.IMAGES, s.images());
        assertEquals(2, s.errors(), log.toString());
        for (String written : List.of("rgb.png", "grey.png", "alpha.png", "photo.png", "sub dir/nested.png")) {
            assertTrue(Files.size(out.resolve(written)) > 0, written);
        }
        assertFalse(Files.exists(out.resolve("broken.png")));
        try (Stream<Path> all = Files.walk(out)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".partial")
                    || p.getFileName().toString().endsWith(".crc") && !p.toString().contains("_manifest")));
        }
        try (Stream<Path> parts = Files.list(out.resolve("_manifest"))) {
            assertEquals(1, parts.filter(p -> p.getFileName().toString().matches("part-.*\\.csv")).count(), "one CSV file");
        }
        assertTrue(Files.readAllLines(Files.list(out.resolve("_manifest")).filter(p -> p.toString().endsWith(".csv")).findFirst()
                .orElseThrow()).get(0).startsWith("path,output,width,height,bytes,model,device,millis,error"), "a header first");
        List<Row> manifest = UpscaleJob.readManifest(SparkSessions.local(), out.toString()).collectAsList();
        assertEquals(TestImages.IMAGES, manifest.size());
        Row rgb = manifest.stream().filter(r -> r.getString(0).endsWith("/rgb.png")).findFirst().orElseThrow();
        assertEquals(384, rgb.getInt(2));
        assertEquals(Files.size(out.resolve("rgb.png")), rgb.getLong(4));
        assertTrue(log.toString().contains("failed ") && log.toString().contains("images/s"), log.toString());

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        UpscaleJob.Summary refused = run(again, args);
        assertEquals(TestImages.IMAGES, refused.errors(), "every output exists: " + again);
        assertTrue(again.toString().contains("-f replaces it"), again.toString());

        String[] forced = Stream.concat(Stream.of("-f"), Stream.of(args)).toArray(String[]::new);
        assertEquals(2, run(new ByteArrayOutputStream(), forced).errors());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThrows(IllegalArgumentException.class, () -> UpscaleJob.Options.parse("in"));
        assertThrows(IllegalArgumentException.class, () -> UpscaleJob.Options.parse("-s", "x", "in", "out"));
        assertThrows(IllegalArgumentException.class, () -> UpscaleJob.Options.parse("--bogus", "in", "out"));
        UpscaleJob.Options o = UpscaleJob.Options.parse("--master", "spark://h:7077", "-s", "3", "-p", "fp16", "-f", "a", "b");
        assertEquals("spark://h:7077", o.master());
        assertEquals(3, o.scale());
        assertTrue(o.overwrite());
    }

    @Test
    void relativeNamesKeepFoldersAndBecomePng() {
        WriteOutputs w = new WriteOutputs("file:/data/in", "/out", false);
        assertEquals("a/b/c.png", w.relativePng("file:/data/in/a/b/c.jpg"));
        assertEquals("x.png", w.relativePng("file:/data/in/x.png"));
        assertEquals("noext.png", w.relativePng("file:/data/in/noext"));
        assertThrows(IllegalArgumentException.class, () -> w.relativePng("file:/elsewhere/x.png"));
        WriteOutputs spaced = new WriteOutputs("file:/data/in put", "/out", false);
        assertEquals("sub dir/a b #1 ä.png", spaced.relativePng("file:/data/in put/sub dir/a b #1 ä.jpg"));
    }
}
