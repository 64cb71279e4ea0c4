package dev.mssn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.ChildJvm;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JPEG output the heap cannot hold is refused before the upscale, with the way out (PNG or more heap). */
class HeapLimitTest {

    @Test
    void anOutputBuiltInMemoryThatCannotFitIsRefusedBeforeTheWork(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(2500, 2500, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2500; y += 7) {
            for (int x = 0; x < 2500; x++) {
                img.setRGB(x, y, 0xc80000);
            }
        }
        Path in = dir.resolve("in.png");
        ImageIO.write(img, "png", in.toFile());
        Path out = dir.resolve("out.jpg");
        ChildJvm.Result r = ChildJvm.run(MssnCommand.class, List.of("--add-modules", "jdk.incubator.vector", "-Xmx160m"),
                "upscale", "-d", "cpu", "-s", "4", "--no-progress", in.toString(), out.toString());
        assertEquals(2, r.exit(), r.log());
        assertTrue(r.log().contains(out + ": a 10000x10000 .jpg is built whole in memory (about 762 MB), more than this JVM's heap")
                && r.log().contains("write .png at the network's own scale, which is streamed row by row"), r.log());
        assertTrue(!Files.exists(out));
    }
}
