package dev.mssn;

import dev.mssn.engine.opencl.runtime.ClDevices;
import dev.mssn.image.ImageDecoding;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Run by {@link BindingOnClassPathTest} in a JVM whose class path lacks one binding or both. */
public final class BindingOnClassPathMain {

    public static void main(String[] args) throws Exception {
        ClDevices.Enumeration found = ClDevices.enumerate();
        System.out.println("binding=" + (found.devices().isEmpty() ? "none (" + found.problem() + ")"
                : found.devices().get(0).binding().name()));
        BufferedImage in = ImageDecoding.read(Path.of("examples/sample-lr.png")).image();
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optModel("mssn-s").optDevice(args[0]).build()) {
            BufferedImage out = sr.upscale(in);
            System.out.println("device=" + sr.device() + " size=" + out.getWidth() + "x" + out.getHeight());
        } catch (NoSuchDeviceException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
