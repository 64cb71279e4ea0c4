package example;

import dev.mssn.GpuSuperResolver;
import dev.mssn.SuperResolutionException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Upscales one image file 2x on the best device there is: {@code UpscaleFile small.png big.png}.
 * The library reads and writes the files itself, so the colour profile, 16-bit samples and alpha
 * are kept, and an existing output is not replaced.
 */
public final class UpscaleFile {

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: UpscaleFile IN OUT");
            System.exit(2);
        }
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optScale(2).build()) {
            sr.upscale(Path.of(args[0]), Path.of(args[1]));
            System.out.println("wrote " + args[1] + " (x" + sr.scale() + " with " + sr.model() + ") on " + sr.device());
        } catch (IOException | SuperResolutionException e) {
            // a file that cannot be read or written, or the library's own refusal: the message says which
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
