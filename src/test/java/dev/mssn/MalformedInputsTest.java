package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.ImageFiles;
import dev.mssn.model.ModelFormatException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged or unsupported inputs end in a message that says what is wrong with them. */
class MalformedInputsTest {

    @Test
    void aZipFormatCheckpointSaysSoAndHowToResaveIt(@TempDir Path dir) throws IOException {
        Path pt = dir.resolve("new_style.pt");
        try (OutputStream os = Files.newOutputStream(pt); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});
            zip.closeEntry();
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(pt.toString(), 2));
        assertTrue(e.getMessage().contains("new_style.pt: a zip-format checkpoint") && e.getMessage().contains(
                "_use_new_zipfile_serialization=False"), e.getMessage());
    }

    @Test
    void aPngWithADamagedChunkIsRefusedNotDecoded(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0x123456);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        byte[] png = out.toByteArray();
        Path good = dir.resolve("good.png");
        Files.write(good, png);
        ImageFiles.read(good); // intact: reads
        int idat = indexOf(png, "IDAT");
        png[idat + 6] ^= 0x40; // one bit of the compressed pixels
        Path damaged = dir.resolve("damaged.png");
        Files.write(damaged, png);
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(damaged));
        assertTrue(e.getMessage().startsWith(damaged + ": damaged PNG: chunk ") && e.getMessage().contains("(IDAT) fails its CRC check"),
                e.getMessage());
        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, java.util.Arrays.copyOf(out.toByteArray(), idat + 10));
        e = assertThrows(IOException.class, () -> ImageFiles.read(truncated));
        assertTrue(e.getMessage().contains("runs past the end of the file"), e.getMessage());
    }

    private static int indexOf(byte[] data, String ascii) {
        byte[] needle = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError(ascii + " not found");
    }
}
