package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.testutil.ChildJvm;
import dev.mssn.testutil.LargePng;
import java.io.IOException;
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
        LargePng.write(in, SIDE, SIDE, (x, y, c) -> c == 0 ? x : c == 1 ? y : x ^ y);
        Path out = dir.resolve("large-x2.png");
        ChildJvm.Result child = ChildJvm.run(LargeImageMain.class, List.of("-Xmx1900m"), in.toString(), out.toString());
        assertEquals(0, child.exit(), "the capped JVM finished: " + child.log());

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
