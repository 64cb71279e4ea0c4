package example;

import dev.mssn.GpuSuperResolver;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Upscales one image 2x on the best device there is: {@code UpscaleFile small.png big.png}. */
public final class UpscaleFile {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: UpscaleFile IN OUT.png");
            System.exit(2);
        }
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optScale(2).build()) {
            BufferedImage big = sr.upscale(ImageIO.read(new File(args[0])));
            ImageIO.write(big, "png", new File(args[1]));
            System.out.println("wrote " + args[1] + " (" + big.getWidth() + "x" + big.getHeight() + ") on " + sr.device());
        }
    }
}
