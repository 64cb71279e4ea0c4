package dev.mssn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A caller whose thread is interrupted gets the documented CancellationException on every Java path, and the instance stays usable. */
class InterruptedCallerTest {

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu"})
    void anInterruptedCallerIsCancelled(String device) {
        try (GpuSuperResolver sr = GpuSuperResolver.builder().optDevice(device).optModel("mssn-s").build()) {
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class, () -> sr.upscale(img));
            } finally {
                Thread.interrupted();
            }
            assertEquals(80, sr.upscale(img).getWidth(), "usable afterwards");
        }
    }
}
