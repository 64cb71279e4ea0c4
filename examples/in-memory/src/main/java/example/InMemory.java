package example;

import dev.mssn.Cancellation;
import dev.mssn.GpuSuperResolver;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;

/**
 * Upscales a BufferedImage in memory with progress, then shows a cancelled call: another thread
 * cancels it after its first tile, and the instance goes on working.
 * {@code InMemory small.png big.png}
 */
public final class InMemory {

    public static void main(String[] args) throws Exception {
        BufferedImage small = ImageIO.read(new File(args[0]));
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optTileSize(64).build()) {
            BufferedImage big = sr.upscale(small,
                    (done, total) -> System.out.printf("%3d%% (%d/%d tiles)%n", 100 * done / total, done, total),
                    new Cancellation());
            ImageIO.write(big, "png", new File(args[1]));
            System.out.println("wrote " + args[1] + " (" + big.getWidth() + "x" + big.getHeight() + ") on " + sr.device());

            // Cancellation usually comes from a UI thread: here a listener hands it to one.
            Cancellation cancel = new Cancellation();
            try {
                sr.upscale(small, (done, total) -> new Thread(cancel::cancel).start(), cancel);
                System.out.println("finished before the cancel arrived");
            } catch (CancellationException e) {
                System.out.println("cancelled: " + e.getMessage());
            }
            System.out.println("still usable: " + sr.upscale(small).getWidth() + " px wide");
        }
    }
}
