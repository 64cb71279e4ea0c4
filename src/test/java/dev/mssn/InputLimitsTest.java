package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.ImageDecoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that claim more pixels than the limit are refused from their header, before any pixel is decoded. */
public class InputLimitsTest {

    /** A valid PNG header claiming width x height RGB, with one tiny IDAT: a few hundred bytes. */
    public static byte[] pngClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, deflater.deflate(idat)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** A BMP header claiming width x height at 24 bits, with no pixel data behind it. */
    static byte[] bmpClaiming(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + 16).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    @Test
    void aSmallFileClaimingHundredsOfMegapixelsIsRefusedFromItsHeader(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("bomb.png");
        Files.write(png, pngClaiming(20000, 20000));
        assertTrue(Files.size(png) < 200, "a tiny file");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDecoding.read(png));
        assertTrue(e.getMessage().startsWith(png + ": 20000x20000 is 400.0 megapixels, over the limit of 100.0; raise it"),
                e.getMessage());

        Path bmp = dir.resolve("bomb.bmp");
        Files.write(bmp, bmpClaiming(12000, 12000));
        e = assertThrows(IllegalArgumentException.class, () -> ImageDecoding.read(bmp));
        assertTrue(e.getMessage().contains("12000x12000 is 144.0 megapixels"), e.getMessage());
        Files.write(bmp, bmpClaiming(30000, -30000)); // top-down, and too large for the decoders' own arithmetic
        e = assertThrows(IllegalArgumentException.class, () -> ImageDecoding.read(bmp));
        assertTrue(e.getMessage().contains("30000x30000 is 900.0 megapixels"), e.getMessage());
    }

    @Test
    void aJpegWhoseFrameHeaderClaimsThirtyThousandSquareIsRefused(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
        byte[] jpeg = out.toByteArray();
        int sof = -1;
        for (int i = 0; i + 1 < jpeg.length && sof < 0; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
                sof = i;
            }
        }
        assertTrue(sof > 0, "baseline frame header found");
        ByteBuffer.wrap(jpeg).putShort(sof + 5, (short) 30000).putShort(sof + 7, (short) 30000); // height, width
        Path file = dir.resolve("bomb.jpg");
        Files.write(file, jpeg);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDecoding.read(file));
        assertTrue(e.getMessage().contains("30000x30000 is 900.0 megapixels"), e.getMessage());
    }

    @Test
    void aFileOverTwoGibibytesIsRefusedByItsSize(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.png");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((2L << 30) + 16); // sparse: no disk used
        }
        IOException e = assertThrows(IOException.class, () -> ImageDecoding.read(big));
        assertTrue(e.getMessage().equals(big + ": " + ((2L << 30) + 16) + " bytes; image files over 2 GiB are not supported"),
                e.getMessage());
    }

    @Test
    void theLimitIsTheBuildersAndTheCommandLinesToSet(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.png");
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), "png", in.toFile());
        try (GpuSuperResolver strict = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optMaxInputPixels(199).build();
             GpuSuperResolver enough = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optMaxInputPixels(200).build()) {
            UnsupportedImageException e = assertThrows(UnsupportedImageException.class,
                    () -> strict.upscale(in, dir.resolve("a.png")));
            assertTrue(e.getMessage().contains("20x10 is 0.0 megapixels, over the limit of 0.0"), e.getMessage());
            assertTrue(!Files.exists(dir.resolve("a.png")));
            enough.upscale(in, dir.resolve("b.png"));
            assertEquals(40, ImageIO.read(dir.resolve("b.png").toFile()).getWidth());
        }
        assertThrows(IllegalArgumentException.class, () -> GpuSuperResolver.builder().optMaxInputPixels(0));
    }

    @Test
    void imagesTooLargeForJavaArraysAreRefusedBeforeTheWorkAndNullsAreNamed() {
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optScale(4).build()) {
            // 1 bit a pixel in memory, 3 bytes a pixel once planar: once an ArithmeticException ("integer overflow")
            BufferedImage huge = new BufferedImage(30_000, 30_000, BufferedImage.TYPE_BYTE_BINARY);
            UnsupportedImageException input = assertThrows(UnsupportedImageException.class, () -> sr.upscale(huge));
            assertTrue(input.getMessage().startsWith("a 30000x30000 image at 8 bits is 2.7 GB of colour samples, more than one"
                    + " Java array holds"), input.getMessage());
            // its input fits, its x4 result (16 times the samples) does not
            BufferedImage large = new BufferedImage(6_700, 6_700, BufferedImage.TYPE_BYTE_BINARY);
            UnsupportedImageException result = assertThrows(UnsupportedImageException.class, () -> sr.upscale(large));
            assertTrue(result.getMessage().startsWith("the x4 result of a 6700x6700 image is 2.2 GB") && result.getMessage()
                    .endsWith("from a file into a .png, which is streamed"), result.getMessage());

            NullPointerException image = assertThrows(NullPointerException.class, () -> sr.upscale((BufferedImage) null));
            assertEquals("image", image.getMessage());
            BufferedImage small = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            NullPointerException progress = assertThrows(NullPointerException.class, () -> sr.upscale(small, null, new Cancellation()));
            assertEquals("progress (ProgressListener.NONE for none)", progress.getMessage());
            NullPointerException cancellation = assertThrows(NullPointerException.class, () -> sr.upscale(small, ProgressListener.NONE, null));
            assertEquals("cancellation (a new Cancellation() for none)", cancellation.getMessage());
            assertThrows(NullPointerException.class, () -> sr.upscale(null, Path.of("out.png")));
        }
    }
}
