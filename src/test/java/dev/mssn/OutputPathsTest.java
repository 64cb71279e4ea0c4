package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that cannot be created is refused before any work, in a message that names it and the reason. */
class OutputPathsTest {

    @Test
    void aMissingFolderOrAFolderAsTheOutputIsRefusedBeforeTheWork(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.jpg");
        ImageIO.write(new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB), "jpg", in.toFile());
        AtomicInteger tiles = new AtomicInteger();
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s")
                .optProgressListener((done, total) -> tiles.incrementAndGet()).build()) {
            for (String name : new String[] {"out.png", "out.jpg"}) { // streamed and built in memory alike
                Path out = dir.resolve("missing").resolve(name);
                IOException e = assertThrows(IOException.class, () -> sr.upscale(in, out, false));
                assertEquals(out + ": cannot write: the folder " + dir.resolve("missing") + " does not exist", e.getMessage());
            }
            Path folder = Files.createDirectory(dir.resolve("folder.png"));
            IOException e = assertThrows(IOException.class, () -> sr.upscale(in, folder, true));
            assertEquals(folder + ": is a folder; name the output file", e.getMessage());
            assertEquals(0, tiles.get(), "no tile was upscaled");
            assertTrue(Files.isDirectory(folder));
        }
    }
}
