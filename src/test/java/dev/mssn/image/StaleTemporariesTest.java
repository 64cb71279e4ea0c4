package dev.mssn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing an output removes the temporaries an earlier, killed run left for that output, and nothing else. */
class StaleTemporariesTest {

    @Test
    void writingAnOutputRemovesItsOwnStaleTemporariesOnly(@TempDir Path dir) throws Exception {
        Path stale = dir.resolve(".out.png." + UUID.randomUUID() + ".tmp");
        Path otherOutput = dir.resolve(".other.png." + UUID.randomUUID() + ".tmp");
        Path notOurs = dir.resolve(".out.png.backup.tmp");
        Path similar = dir.resolve(".out.png." + UUID.randomUUID() + ".tmp.keep");
        for (Path p : List.of(stale, otherOutput, notOurs, similar)) {
            Files.writeString(p, "x");
        }
        Path out = dir.resolve("out.png");
        AtomicFiles.writeAtomically(out, true, os -> os.write(new byte[] {1, 2, 3}));
        assertEquals(3, Files.size(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".other.png", ".out.png.backup.tmp", ".out.png.keep", "out.png"),
                    files.map(p -> p.getFileName().toString().replaceAll("\\.[0-9a-f-]{36}\\.tmp", "")).sorted().toList());
        }
    }
}
