package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.image.PngStreamWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
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

/** An 8000x8000 input upscales x2 into a 16000x16000 PNG in a JVM whose heap is capped below 2 GB. */
class LargeImageTest {

    private static final int SIDE = 8000;

    @Test
    void eightThousandSquaredFitsInALessThanTwoGigabyteHeap(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("large.png");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(in), 1 << 20);
             PngStreamWriter png = new PngStreamWriter(os, SIDE, SIDE, 3)) {
            byte[] row = new byte[SIDE * 3];
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    row[x * 3] = (byte) x;
                    row[x * 3 + 1] = (byte) y;
                    row[x * 3 + 2] = (byte) (x ^ y);
                }
                png.writeRow(row);
            }
            png.finish();
        }
        Path out = dir.resolve("large-x2.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx1900m", "-cp", System.getProperty("java.class.path"),
                LargeImageMain.class.getName(), in.toString(), out.toString())).redirectErrorStream(true).start();
        String log;
        try (InputStream o = p.getInputStream()) {
            log = new String(o.readAllBytes());
        }
        assertEquals(0, p.waitFor(), "the capped JVM finished: " + log);

        try (ImageInputStream iis = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(iis).next();
            reader.setInput(iis);
            assertEquals(2 * SIDE, reader.getWidth(0));
            assertEquals(2 * SIDE, reader.getHeight(0));
            // spot-check the last rows without decoding the whole 768 MB image
            var param = reader.getDefaultReadParam();
            param.setSourceRegion(new java.awt.Rectangle(2 * SIDE - 4, 2 * SIDE - 2, 4, 2));
            var corner = reader.read(0, param);
            int x = SIDE - 1;
            int y = SIDE - 1;
            assertEquals(((x & 0xff) << 16) | ((y & 0xff) << 8) | ((x ^ y) & 0xff), corner.getRGB(3, 1) & 0xffffff);
            reader.dispose();
        }
    }
}
