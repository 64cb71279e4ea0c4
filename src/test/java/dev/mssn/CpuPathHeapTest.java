package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.testutil.ChildJvm;
import dev.mssn.testutil.LargePng;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU path with the default model (MSSN-M x2) upscales a 4000-pixel-wide image, in full
 * 512-px tiles with their activations (the largest allocation), in a heap capped at 1 GB. The
 * full 4000x4000 run, which takes minutes on two cores, is measured in docs/performance.md;
 * it adds only input-sized buffers (the decoded picture and its planes, about 150 MB).
 */
class CpuPathHeapTest {

    private static final int WIDTH = 4000;
    private static final int HEIGHT = 600;

    @Test
    void aFourThousandPixelWideImageFitsInAOneGigabyteHeap(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("wide.png");
        LargePng.write(in, WIDTH, HEIGHT, (x, y, c) -> c == 0 ? (int) (128 + 100 * Math.sin(x / 9.0)) : c == 1 ? y : x ^ y);
        Path out = dir.resolve("wide-x2.png");
        ChildJvm.Result child = ChildJvm.run(CpuPathHeapMain.class, List.of("-Xmx1g", "--add-modules", "jdk.incubator.vector"),
                in.toString(), out.toString());
        String log = child.log();
        assertEquals(0, child.exit(), "the capped JVM finished: " + log);
        assertEquals(true, log.contains("tile side 512"), "full-size tiles under the cap: " + log);
        try (ImageInputStream iis = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(iis).next();
            reader.setInput(iis);
            assertEquals(2 * WIDTH, reader.getWidth(0));
            assertEquals(2 * HEIGHT, reader.getHeight(0));
            reader.dispose();
        }
    }
}
