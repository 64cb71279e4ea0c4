package dev.mssn.testutil;

import dev.mssn.image.PngStreamWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an RGB PNG row by row, so a test can make images far larger than it could hold. */
public final class LargePng {

    /** Sample c (0..2) of pixel (x, y), 0..255. */
    @FunctionalInterface
    public interface Sample {
        int at(int x, int y, int c);
    }

    private LargePng() {}

    public static void write(Path file, int width, int height, Sample sample) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             PngStreamWriter png = new PngStreamWriter(os, width, height, 3)) {
            byte[] row = new byte[width * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < 3; c++) {
                        row[x * 3 + c] = (byte) sample.at(x, y, c);
                    }
                }
                png.writeRow(row);
            }
            png.finish();
        }
    }
}
