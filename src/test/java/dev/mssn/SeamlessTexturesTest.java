package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seamless textures: the upscale of a texture taken as one tile of a periodic pattern equals,
 * exactly, the centre of the upscale of the texture laid 3x3, so that its output tiles
 * without seams; in one tile or many, in memory or streamed to a PNG, with alpha.
 */
class SeamlessTexturesTest {

    private static BufferedImage texture(int w, int h, boolean alpha, long seed) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, alpha ? r.nextInt() : r.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static BufferedImage laidThreeByThree(BufferedImage t) {
        BufferedImage big = new BufferedImage(3 * t.getWidth(), 3 * t.getHeight(), t.getType());
        int[] pixels = argb(t, 0, 0, t.getWidth(), t.getHeight());
        for (int ty = 0; ty < 3; ty++) {
            for (int tx = 0; tx < 3; tx++) {
                // copied, not drawn: drawing would blend the translucent pixels
                big.setRGB(tx * t.getWidth(), ty * t.getHeight(), t.getWidth(), t.getHeight(), pixels, 0, t.getWidth());
            }
        }
        return big;
    }

    private static int[] argb(BufferedImage img, int x, int y, int w, int h) {
        return img.getRGB(x, y, w, h, null, 0, w);
    }

    @Test
    void theSeamlessUpscaleIsTheCentreOfTheTextureLaidThreeByThree(@TempDir Path dir) throws IOException {
        for (boolean alpha : new boolean[] {false, true}) {
            BufferedImage t = texture(37, 29, alpha, alpha ? 2 : 1); // larger than the receptive radius, as a 3x3 lay-out needs
            try (GpuSuperResolver plain = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build();
                 GpuSuperResolver seamless = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optSeamless(true).build();
                 GpuSuperResolver tiled = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optSeamless(true)
                         .optTileSize(16).build()) {
                BufferedImage big = plain.upscale(laidThreeByThree(t));
                int[] expected = argb(big, 74, 58, 74, 58);
                BufferedImage out = seamless.upscale(t);
                assertEquals(74, out.getWidth());
                assertArrayEquals(expected, argb(out, 0, 0, 74, 58), "alpha " + alpha + ": the centre of the 3x3 upscale");
                assertArrayEquals(expected, argb(tiled.upscale(t), 0, 0, 74, 58), "alpha " + alpha + ": in tiles of 16");
                Path in = dir.resolve("texture.png");
                Path png = dir.resolve("texture-x2-" + alpha + ".png");
                ImageIO.write(t, "png", in.toFile());
                tiled.upscale(in, png); // streamed strip by strip, the border rows skipped
                assertArrayEquals(expected, argb(ImageIO.read(png.toFile()), 0, 0, 74, 58), "alpha " + alpha + ": streamed PNG");
                // and without it, the borders differ: zeros meet them
                assertTrue(!java.util.Arrays.equals(expected, argb(plain.upscale(t), 0, 0, 74, 58)), "the test can fail");
                assertTrue(seamless.seamless() && !plain.seamless());
            }
        }
    }

    @Test
    void aTextureSmallerThanTheBorderStillWrapsAround() {
        BufferedImage t = texture(5, 3, false, 3); // the border is many times the texture: it repeats it
        try (GpuSuperResolver seamless = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optSeamless(true).build();
             GpuSuperResolver plain = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").build()) {
            BufferedImage wide = new BufferedImage(5 * 15, 3 * 15, BufferedImage.TYPE_INT_RGB);
            for (int ty = 0; ty < 15; ty++) {
                for (int tx = 0; tx < 15; tx++) {
                    wide.getGraphics().drawImage(t, tx * 5, ty * 3, null);
                }
            }
            BufferedImage big = plain.upscale(wide);
            assertArrayEquals(argb(big, 7 * 10, 7 * 6, 10, 6), argb(seamless.upscale(t), 0, 0, 10, 6));
        }
    }
}
