package dev.mssn.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streamed PNG decodes, with an independent decoder (ImageIO), to exactly the rows written. */
class PngStreamWriterTest {

    @ParameterizedTest(name = "{0}x{1}, {2} samples of {3} bits")
    @CsvSource({"1,1,1,8", "1,1,4,8", "7,5,1,8", "9,4,2,8", "13,6,3,8", "11,3,4,8", "700,200,4,8", "3000,1,3,8",
            "1,1,1,16", "7,5,1,16", "9,4,2,16", "13,6,3,16", "11,3,4,16", "300,200,3,16"})
    void decodesToTheRowsWritten(int w, int h, int samples, int bits) throws IOException {
        SplittableRandom rnd = new SplittableRandom(w * 31L + h * 7L + samples + bits);
        int bytes = bits / 8;
        byte[][] rows = new byte[h][w * samples * bytes];
        for (byte[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                // half smooth, half noise: both filter paths and more than one IDAT chunk at 700x200
                row[i] = (byte) (i % 2 == 0 ? i / 3 : rnd.nextInt(256));
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PngStreamWriter png = new PngStreamWriter(file, w, h, samples, bits, null)) {
            for (byte[] row : rows) {
                png.writeRow(row);
            }
            png.finish();
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(file.toByteArray()));
        assertEquals(w, img.getWidth());
        assertEquals(h, img.getHeight());
        Raster r = img.getRaster();
        assertEquals(samples, r.getNumBands());
        assertEquals(bits, r.getSampleModel().getSampleSize(0));
        for (int y = 0; y < h; y++) {
            int[] decoded = r.getPixels(0, y, w, 1, (int[]) null);
            int[] expected = new int[w * samples];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = bytes == 1 ? rows[y][i] & 0xff : (rows[y][2 * i] & 0xff) << 8 | rows[y][2 * i + 1] & 0xff;
            }
            assertArrayEquals(expected, decoded, "row " + y);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"short row", "missing rows", "extra row"})
    void refusesMalformedUse(String misuse) throws IOException {
        try (PngStreamWriter png = new PngStreamWriter(new ByteArrayOutputStream(), 4, 2, 3)) {
            switch (misuse) {
                case "short row" -> assertThrows(IllegalArgumentException.class, () -> png.writeRow(new byte[11]));
                case "missing rows" -> {
                    png.writeRow(new byte[12]);
                    assertThrows(IllegalStateException.class, png::finish);
                }
                default -> {
                    png.writeRow(new byte[12]);
                    png.writeRow(new byte[12]);
                    assertThrows(IllegalStateException.class, () -> png.writeRow(new byte[12]));
                }
            }
        }
    }
}
