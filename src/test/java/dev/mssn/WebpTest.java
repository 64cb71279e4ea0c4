package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebP in and out, through libwebp's ImageIO plugin: lossless at quality 100 (exact, alpha too), lossy below. */
class WebpTest {

    private static BufferedImage picture(int type, long seed) {
        BufferedImage img = new BufferedImage(36, 28, type);
        Random r = new Random(seed);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 36; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        return img;
    }

    private static GpuSuperResolver.Builder cpu() {
        return GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s");
    }

    private static int[] argb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void losslessWebpOutputsHoldTheUpscaleExactlyAlphaToo(@TempDir Path dir) throws IOException {
        try (GpuSuperResolver sr = cpu().optQuality(100).build()) {
            for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB}) {
                BufferedImage img = picture(type, type);
                Path in = dir.resolve("in-" + type + ".png");
                ImageIO.write(img, "png", in.toFile());
                Path out = dir.resolve("out-" + type + ".webp");
                sr.upscale(in, out);
                BufferedImage written = GpuSuperResolver.readImage(out);
                assertEquals(type == BufferedImage.TYPE_INT_ARGB, written.getColorModel().hasAlpha());
                assertArrayEquals(argb(sr.upscale(img)), argb(written), "type " + type);
            }
        }
    }

    @Test
    void lossyWebpIsSmallerAndClose(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(36, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 36; x++) {
                img.setRGB(x, y, (int) (120 + 100 * Math.sin(x / 4.0)) << 16 | (int) (120 + 100 * Math.cos(y / 5.0)) << 8 | (x * 5 + y * 3));
            }
        }
        Path in = dir.resolve("in.png");
        ImageIO.write(img, "png", in.toFile());
        try (GpuSuperResolver lossless = cpu().optQuality(100).build(); GpuSuperResolver lossy = cpu().optQuality(80).build()) {
            lossless.upscale(in, dir.resolve("lossless.webp"));
            lossy.upscale(in, dir.resolve("lossy.webp"));
            assertTrue(Files.size(dir.resolve("lossy.webp")) < Files.size(dir.resolve("lossless.webp")) / 2, "lossy is smaller");
            int[] a = argb(GpuSuperResolver.readImage(dir.resolve("lossless.webp")));
            int[] b = argb(GpuSuperResolver.readImage(dir.resolve("lossy.webp")));
            double mse = 0;
            for (int i = 0; i < a.length; i++) {
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = (a[i] >> shift & 0xff) - (b[i] >> shift & 0xff);
                    mse += d * d;
                }
            }
            double psnr = 10 * Math.log10(255.0 * 255 / (mse / (3.0 * a.length)));
            assertTrue(psnr > 30, "lossy at 80 is still the picture: " + psnr + " dB");
        }
    }

    @Test
    void webpInputsAreReadAndAnimatedOnesRefused(@TempDir Path dir) throws IOException {
        BufferedImage img = picture(BufferedImage.TYPE_INT_RGB, 7);
        try (GpuSuperResolver sr = cpu().optQuality(100).build()) {
            Path png = dir.resolve("a.png");
            ImageIO.write(img, "png", png.toFile());
            Path webp = dir.resolve("a.webp");
            sr.upscale(png, dir.resolve("unused.webp")); // the writer is there
            javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("webp").next();
            javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType("Lossless");
            try (var os = ImageIO.createImageOutputStream(webp.toFile())) {
                w.setOutput(os);
                w.write(null, new javax.imageio.IIOImage(img, null, null), p);
            }
            sr.upscale(webp, dir.resolve("from-webp.png"));
            sr.upscale(png, dir.resolve("from-png.png"));
            assertArrayEquals(argb(ImageIO.read(dir.resolve("from-png.png").toFile())), argb(ImageIO.read(dir.resolve("from-webp.png").toFile())));

            ByteBuffer animated = ByteBuffer.allocate(30 + 14).order(ByteOrder.LITTLE_ENDIAN);
            animated.put("RIFF".getBytes()).putInt(36).put("WEBP".getBytes()).put("VP8X".getBytes()).putInt(10)
                    .put((byte) 0x02).put(new byte[3]).put(new byte[] {35, 0, 0, 27, 0, 0}).put("ANIM".getBytes()).putInt(6).put(new byte[6]);
            Path anim = dir.resolve("anim.webp");
            Files.write(anim, animated.array());
            UnsupportedImageException e = assertThrows(UnsupportedImageException.class, () -> sr.upscale(anim, dir.resolve("x.png")));
            assertTrue(e.getMessage().contains("an animated WebP"), e.getMessage());
        }
    }
}
