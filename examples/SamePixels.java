import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** {@code java SamePixels.java A B}: exit 0 when the two images have the same size and RGB pixels, however encoded. */
public class SamePixels {
    public static void main(String[] args) throws Exception {
        BufferedImage a = ImageIO.read(new File(args[0]));
        BufferedImage b = ImageIO.read(new File(args[1]));
        boolean same = a.getWidth() == b.getWidth() && a.getHeight() == b.getHeight();
        for (int y = 0; same && y < a.getHeight(); y++) {
            for (int x = 0; same && x < a.getWidth(); x++) {
                same = (a.getRGB(x, y) & 0xFFFFFF) == (b.getRGB(x, y) & 0xFFFFFF);
            }
        }
        System.exit(same ? 0 : 1);
    }
}
