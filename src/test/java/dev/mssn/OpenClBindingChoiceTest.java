package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.image.ImageDecoding;
import dev.mssn.image.PixelConversion;
import dev.mssn.testutil.Requires;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The builder's binding choice, end to end: the same pixels through JOCL and LWJGL, tiled. */
class OpenClBindingChoiceTest {

    private static final Path SAMPLE = Path.of("examples/sample-lr.png");

    @Test
    void joclAndLwjglUpscaleToTheSamePixels() throws IOException {
        Requires.openCl();
        BufferedImage in = ImageDecoding.read(SAMPLE).image();
        byte[] viaJocl = upscale(in, "jocl");
        byte[] viaLwjgl = upscale(in, "lwjgl");
        assertArrayEquals(viaJocl, viaLwjgl);
    }

    private static byte[] upscale(BufferedImage in, String binding) {
        // small tiles: several tiles in flight, so the events and non-blocking transfers are exercised
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optModel("mssn-s").optDevice("opencl")
                .optOpenClBinding(binding).optTileSize(40).build()) {
            return PixelConversion.toRgb(sr.upscale(in));
        }
    }

    @Test
    void anUnknownBindingFailsTheBuild() {
        NoSuchDeviceException e = assertThrows(NoSuchDeviceException.class,
                () -> GpuSuperResolver.builder().optDevice("cpu").optOpenClBinding("cuda").build());
        assertTrue(e.getMessage().contains("jocl, lwjgl or auto"), e.getMessage());
    }
}
