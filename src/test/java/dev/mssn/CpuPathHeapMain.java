package dev.mssn;

import java.nio.file.Path;

/**
 * Run in a JVM of its own with a capped heap by {@link CpuPathHeapTest}: upscales a PNG file
 * x2 with the default model on the CPU path, through the public API.
 */
public final class CpuPathHeapMain {

    public static void main(String[] args) throws Exception {
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice("cpu").build()) {
            sr.upscale(Path.of(args[0]), Path.of(args[1]));
            System.out.println("tile side " + sr.tileSide() + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        }
    }
}
