package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.ImageDecoding;
import dev.mssn.image.ImageRefusedException;
import dev.mssn.model.ModelFormatException;
import dev.mssn.model.io.Models;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        ImageDecoding.read(good); // intact: reads
        int idat = indexOf(png, "IDAT");
        png[idat + 6] ^= 0x40; // one bit of the compressed pixels
        Path damaged = dir.resolve("damaged.png");
        Files.write(damaged, png);
        IOException e = assertThrows(IOException.class, () -> ImageDecoding.read(damaged));
        assertTrue(e.getMessage().startsWith(damaged + ": damaged PNG: chunk ") && e.getMessage().contains("(IDAT) fails its CRC check"),
                e.getMessage());
        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, java.util.Arrays.copyOf(out.toByteArray(), idat + 10));
        e = assertThrows(IOException.class, () -> ImageDecoding.read(truncated));
        assertTrue(e.getMessage().contains("runs past the end of the file"), e.getMessage());
    }

    @Test
    void aTopDownBmpReadsAsTheSamePictureAsItsBottomUpTwin(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                img.setRGB(x, y, (x * 50) << 16 | (y * 80) << 8 | (x + y) * 20);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "bmp", out);
        byte[] bottomUp = out.toByteArray();
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(bottomUp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int offset = header.getInt(10);
        int row = (5 * 3 + 3) / 4 * 4;
        byte[] topDown = bottomUp.clone();
        for (int y = 0; y < 3; y++) {
            System.arraycopy(bottomUp, offset + y * row, topDown, offset + (2 - y) * row, row);
        }
        java.nio.ByteBuffer.wrap(topDown).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(22, -3);
        Path a = dir.resolve("bottom-up.bmp");
        Path b = dir.resolve("top-down.bmp");
        Files.write(a, bottomUp);
        Files.write(b, topDown);
        BufferedImage x = ImageDecoding.read(a).image();
        BufferedImage y = ImageDecoding.read(b).image();
        org.junit.jupiter.api.Assertions.assertArrayEquals(x.getRGB(0, 0, 5, 3, null, 0, 5), y.getRGB(0, 0, 5, 3, null, 0, 5));
        org.junit.jupiter.api.Assertions.assertEquals(0x325028, y.getRGB(1, 1) & 0xffffff, "pixel (1, 1) where it belongs");
    }

    /** {@code png} with a chunk inserted after IHDR (whose 25 bytes follow the 8-byte signature). */
    private static byte[] withChunk(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(4).putInt(data.length);
        out.writeBytes(length.array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** keyword, NUL, compression method 0, then {@code inflated} zero bytes deflated. */
    private static byte[] compressedField(String keyword, int inflated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(keyword.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(0);
        out.write(0);
        java.util.zip.Deflater d = new java.util.zip.Deflater(9);
        d.setInput(new byte[inflated]);
        d.finish();
        byte[] buf = new byte[64 << 10];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    @Test
    void compressedMetadataThatInflatesToGigabytesIsRefused(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(6, 5, BufferedImage.TYPE_INT_RGB), "png", out);
        byte[] png = out.toByteArray();

        Path text = dir.resolve("text.png");
        Files.write(text, withChunk(png, "zTXt", compressedField("Comment", 8 << 20)));
        assertTrue(Files.size(text) < 64 << 10, "a small file");
        IOException e = assertThrows(IOException.class, () -> ImageDecoding.read(text));
        assertTrue(e.getMessage().startsWith(text + ": its zTXt chunk inflates to more than 1 MB"), e.getMessage());

        Path profile = dir.resolve("profile.png");
        Files.write(profile, withChunk(png, "iCCP", compressedField("bomb", 32 << 20)));
        e = assertThrows(IOException.class, () -> ImageDecoding.read(profile));
        assertTrue(e.getMessage().startsWith(profile + ": its iCCP chunk inflates to more than 16 MB"), e.getMessage());

        Path modest = dir.resolve("modest.png");
        Files.write(modest, withChunk(png, "zTXt", compressedField("Comment", 4000)));
        org.junit.jupiter.api.Assertions.assertEquals(6, ImageDecoding.read(modest).image().getWidth(), "ordinary text is fine");
    }

    @Test
    void aTiffClaimingMoreSamplesThanItHoldsIsRefusedFromItsHeader(@TempDir Path dir) throws IOException {
        // found by fuzzing: for a 13x9 TIFF whose header claims 5 or more samples a pixel, the
        // JDK's decoder allocates past a 512 MB heap
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(13, 9, BufferedImage.TYPE_INT_RGB), "tiff", out);
        byte[] tiff = out.toByteArray();
        Path good = dir.resolve("good.tif");
        Files.write(good, tiff);
        org.junit.jupiter.api.Assertions.assertEquals(13, ImageDecoding.read(good).image().getWidth());
        setShortField(tiff, 277, 5); // SamplesPerPixel
        Path claiming = dir.resolve("five-samples.tif");
        Files.write(claiming, tiff);
        IOException e = assertThrows(IOException.class, () -> ImageDecoding.read(claiming));
        assertTrue(e.getMessage().startsWith(claiming + ": cannot decode image: a TIFF of 5 samples per pixel"), e.getMessage());
    }

    @Test
    void animationsAndMultiPageFilesAreRefusedRatherThanCutToTheirFirstImage(@TempDir Path dir) throws IOException {
        BufferedImage frame = new BufferedImage(6, 5, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(frame, "png", png);
        // acTL: frame count, play count (an APNG's frames follow as fcTL/fdAT, which decoders skip)
        Path apng = dir.resolve("animated.png");
        Files.write(apng, withChunk(png.toByteArray(), "acTL", new byte[] {0, 0, 0, 3, 0, 0, 0, 0}));
        Path gif = dir.resolve("animated.gif");
        Path tif = dir.resolve("pages.tif");
        writeSequence(frame, "gif", gif);
        writeSequence(frame, "tiff", tif);
        for (Path p : List.of(apng, gif, tif)) {
            ImageRefusedException e = assertThrows(ImageRefusedException.class, () -> ImageDecoding.read(p));
            assertTrue(e.getMessage().startsWith(p + ": ") && e.getMessage().contains("only single still images are upscaled"),
                    e.getMessage());
        }
        assertTrue(assertThrows(ImageRefusedException.class, () -> ImageDecoding.read(apng)).getMessage()
                .contains("an animated PNG of 3 frames"));
        Path still = dir.resolve("still.png");
        Files.write(still, withChunk(png.toByteArray(), "acTL", new byte[] {0, 0, 0, 1, 0, 0, 0, 0}));
        org.junit.jupiter.api.Assertions.assertEquals(6, ImageDecoding.read(still).image().getWidth(), "one frame is a still image");
    }

    /** Two frames (or pages) of {@code frame} in one file, by ImageIO's writer for {@code format}. */
    private static void writeSequence(BufferedImage frame, String format, Path file) throws IOException {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (var out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(frame, null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(frame, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** Sets a SHORT field of a TIFF's first directory in place. */
    private static void setShortField(byte[] tiff, int tag, int value) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tiff)
                .order(tiff[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        for (int i = 0; i < b.getShort(ifd); i++) {
            int entry = ifd + 2 + 12 * i;
            if (b.getShort(entry) == tag) {
                b.putShort(entry + 8, (short) value);
                return;
            }
        }
        throw new AssertionError("no field " + tag);
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
