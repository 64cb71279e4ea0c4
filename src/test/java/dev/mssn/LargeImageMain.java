package dev.mssn;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.Variant;
import java.nio.file.Path;

/**
 * Run in a JVM of its own with a capped heap by {@link LargeImageTest}: upscales a large PNG
 * through the facade's streaming path with a stand-in network (pixel replication), so that
 * what is measured is the facade's memory, not the network's arithmetic.
 */
public final class LargeImageMain {

    /** Repeats each pixel scale x scale times; as fast as a network can be. */
    record Replicate(ModelSpec spec) implements Network {
        @Override
        public RgbImage upscale(RgbImage lr) {
            int s = spec.scale();
            RgbImage out = RgbImage.blank(lr.width() * s, lr.height() * s);
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    System.arraycopy(lr.rgb(), ((y / s) * lr.width() + x / s) * 3, out.rgb(), (y * out.width() + x) * 3, 3);
                }
            }
            return out;
        }

        @Override
        public void close() {}
    }

    public static void main(String[] args) throws Exception {
        try (GpuSuperResolver sr = new GpuSuperResolver(new JavaBackend(1), new Replicate(ModelSpec.of(Variant.MSSN_S, 2)), 512,
                ProgressListener.NONE, false)) {
            sr.upscale(Path.of(args[0]), Path.of(args[1]));
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("max heap " + rt.maxMemory() / (1 << 20) + " MB");
    }
}
