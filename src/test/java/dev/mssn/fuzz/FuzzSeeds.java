package dev.mssn.fuzz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;

/**
 * Writes the seed inputs of {@link UserFilesFuzzTest}: a small valid file of each format the
 * library reads, behind the variant byte each method reads first. Run from the top folder (as
 * the tests run) with the test class path; the output is committed.
 */
final class FuzzSeeds {

    private static final Path INPUTS = Path.of("src/test/resources/dev/mssn/fuzz/UserFilesFuzzTestInputs");

    public static void main(String[] args) throws IOException {
        BufferedImage argb = new BufferedImage(13, 9, BufferedImage.TYPE_INT_ARGB);
        Random r = new Random(11);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 13; x++) {
                argb.setRGB(x, y, r.nextInt());
            }
        }
        BufferedImage rgb = new BufferedImage(13, 9, BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(argb, 0, 0, null);
        BufferedImage grey16 = new BufferedImage(7, 5, BufferedImage.TYPE_USHORT_GRAY);
        for (int format = 0; format < 4; format++) {
            String name = new String[] {"png", "jpg", "bmp", "gif"}[format];
            byte[] image = imageIo(name.equals("png") ? argb : rgb, name);
            // the decoder sees the file; the upscale writes it in each output format in turn
            seed("imageFilesDecodeWithinTheLimitOrAreRefused", "seed-" + name, 0, image);
            seed("upscaleWritesAWholeFileOrNothing", "seed-" + name, format, image);
        }
        byte[] tiff = commonsImaging(rgb, ImageFormats.TIFF);
        seed("imageFilesDecodeWithinTheLimitOrAreRefused", "seed-tif", 0, tiff);
        seed("upscaleWritesAWholeFileOrNothing", "seed-tif", 4, tiff);
        byte[] png16 = imageIo(grey16, "png");
        seed("imageFilesDecodeWithinTheLimitOrAreRefused", "seed-png-grey16", 0, png16);
        seed("upscaleWritesAWholeFileOrNothing", "seed-png-grey16", 2, png16);
        seed("weightsFilesLoadOrAreRefused", "seed-safetensors", 0, Files.readAllBytes(Path.of("weights/mssn-s-x2.safetensors")));
        seed("weightsFilesLoadOrAreRefused", "seed-pt", 1, Files.readAllBytes(Path.of("src/test/resources/fixtures/small-state-dict.pt")));
    }

    private static byte[] imageIo(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    private static byte[] commonsImaging(BufferedImage image, ImageFormats format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Imaging.writeImage(image, out, format);
        return out.toByteArray();
    }

    private static void seed(String method, String name, int variant, byte[] file) throws IOException {
        byte[] input = new byte[file.length + 1];
        input[0] = (byte) variant;
        System.arraycopy(file, 0, input, 1, file.length);
        Path dir = Files.createDirectories(INPUTS.resolve(method));
        Files.write(dir.resolve(name), input);
    }
}
