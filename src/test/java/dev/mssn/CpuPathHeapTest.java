package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.image.PngStreamWriter;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
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
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(in), 1 << 20);
             PngStreamWriter png = new PngStreamWriter(os, WIDTH, HEIGHT, 3)) {
            byte[] row = new byte[WIDTH * 3];
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    row[x * 3] = (byte) (128 + 100 * Math.sin(x / 9.0));
                    row[x * 3 + 1] = (byte) y;
                    row[x * 3 + 2] = (byte) (x ^ y);
                }
                png.writeRow(row);
            }
            png.finish();
        }
        Path out = dir.resolve("wide-x2.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), CpuPathHeapMain.class.getName(), in.toString(), out.toString()))
                .redirectErrorStream(true).start();
        String log;
        try (InputStream o = p.getInputStream()) {
            log = new String(o.readAllBytes());
        }
        assertEquals(0, p.waitFor(), "the capped JVM finished: " + log);
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
