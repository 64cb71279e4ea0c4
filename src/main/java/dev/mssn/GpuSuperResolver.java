package dev.mssn;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.image.ImageFiles;
import dev.mssn.image.PixelConversion;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Weights;
import dev.mssn.tiling.TileRunner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Upscales images with MSSN on the best available device.
 *
 * <pre>{@code
 * try (GpuSuperResolver sr = GpuSuperResolver.builder().optScale(2).build()) {
 *     BufferedImage big = sr.upscale(small);
 * }
 * }</pre>
 *
 * <p>Calls may come from many threads; they run one at a time on the device. Closing releases
 * all device memory.
 */
public final class GpuSuperResolver implements AutoCloseable {

    private final Backend backend;
    private final Network network;
    private final int tileSide;
    private boolean closed;

    private GpuSuperResolver(Backend backend, Network network, int tileSide) {
        this.backend = backend;
        this.network = network;
        this.tileSide = tileSide;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the network runs, e.g. "opencl:0 NVIDIA H100 (...)" or "java (8 threads)". */
    public String device() {
        return backend.describe();
    }

    public int scale() {
        return network.spec().scale();
    }

    /** Upscales an RGB or grey image; the result is RGB. Images with alpha are refused (not supported yet). */
    public synchronized BufferedImage upscale(BufferedImage image) {
        if (closed) {
            throw new IllegalStateException("this GpuSuperResolver is closed");
        }
        if (image.getColorModel().hasAlpha()) {
            throw new IllegalArgumentException("images with an alpha channel are not supported yet; flatten the image first");
        }
        RgbImage lr = new RgbImage(image.getWidth(), image.getHeight(), PixelConversion.toRgb(image));
        RgbImage hr = TileRunner.upscale(network, lr, tileSide, done -> { });
        return PixelConversion.fromRgb(hr.width(), hr.height(), hr.rgb());
    }

    /**
     * Reads {@code in}, upscales it and writes {@code out} (format from its extension). The
     * output is written to a temporary file and moved into place, so a failure leaves nothing
     * half-written; the input is never overwritten and an existing output only when asked.
     */
    public void upscale(Path in, Path out, boolean overwrite) throws IOException {
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException(out + " is the input file; refusing to overwrite it");
        }
        if (Files.exists(out) && !overwrite) {
            throw new IllegalArgumentException(out + " exists; allow overwriting to replace it");
        }
        BufferedImage result = upscale(ImageFiles.read(in).image());
        ImageFiles.write(result, out);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            network.close();
            backend.close();
        }
    }

    /** Builder with DJL-style {@code opt} setters; everything has a default. */
    public static final class Builder {
        private String model = Models.DEFAULT;
        private int scale = 2;
        private String device = "auto";
        private int tileSide;

        /** Embedded model name ("mssn-m") or a .safetensors / .pt file. Default: mssn-m. */
        public Builder optModel(String nameOrFile) {
            this.model = nameOrFile;
            return this;
        }

        /** 2, 3 or 4. Default: 2. */
        public Builder optScale(int scale) {
            this.scale = scale;
            return this;
        }

        /** auto, cpu, opencl or opencl:N. Default: auto. */
        public Builder optDevice(String device) {
            this.device = device;
            return this;
        }

        /** LR tile side in pixels; 0 picks one for the device. Default: 0. */
        public Builder optTileSize(int tileSide) {
            this.tileSide = tileSide;
            return this;
        }

        public GpuSuperResolver build() {
            if (scale < 2 || scale > 4) {
                throw new IllegalArgumentException("scale must be 2, 3 or 4, got " + scale);
            }
            if (tileSide < 0) {
                throw new IllegalArgumentException("tile size must be 0 (auto) or positive, got " + tileSide);
            }
            Weights weights;
            try {
                weights = Models.load(model, scale);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Backend backend = Backends.open(device);
            try {
                Network network = backend.load(MssnParameters.of(weights));
                int side = tileSide > 0 ? tileSide : backend.defaultTileSide();
                return new GpuSuperResolver(backend, network, side);
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
        }
    }
}
