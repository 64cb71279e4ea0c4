package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output that cannot be created is refused before any work, in a message that names it and
 * the reason; one that appears during the work is not replaced unless replacing was asked for.
 */
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
                IOException e = assertThrows(IOException.class, () -> sr.upscale(in, out));
                assertEquals(out + ": cannot write: the folder " + dir.resolve("missing") + " does not exist", e.getMessage());
            }
            Path folder = Files.createDirectory(dir.resolve("folder.png"));
            IOException e = assertThrows(IOException.class, () -> sr.upscale(in, folder, StandardCopyOption.REPLACE_EXISTING));
            assertEquals(folder + ": is a folder; name the output file", e.getMessage());
            assertEquals(0, tiles.get(), "no tile was upscaled");
            assertTrue(Files.isDirectory(folder));
        }
    }

    @Test
    void anOutputThatAppearsDuringTheWorkIsLeftAloneUnlessReplacingWasAskedFor(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.jpg");
        ImageIO.write(new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB), "jpg", in.toFile());
        byte[] theirs = {1, 2, 3};
        for (String name : new String[] {"out.png", "out.jpg"}) { // streamed and built in memory alike
            Path out = dir.resolve(name);
            // another process writes the same name while the tiles run
            ProgressListener otherWriter = (done, total) -> {
                try {
                    if (done == 1) {
                        Files.write(out, theirs);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s")
                    .optProgressListener(otherWriter).build()) {
                FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> sr.upscale(in, out));
                assertEquals(out + ": appeared while it was being written; left as it is", e.getMessage());
                assertArrayEquals(theirs, Files.readAllBytes(out), name + ": the other writer's file is kept");

                Files.delete(out);
                sr.upscale(in, out, StandardCopyOption.REPLACE_EXISTING);
                assertEquals(24, ImageIO.read(out.toFile()).getWidth(), name + ": replaced when asked");
                Files.delete(out);
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(in), files.toList(), "no temporary left behind");
        }
    }
}
