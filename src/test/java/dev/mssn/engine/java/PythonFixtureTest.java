package dev.mssn.engine.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Weights;
import dev.mssn.model.io.WeightsFile;
import dev.mssn.testutil.Npy;
import dev.mssn.testutil.Tolerance;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The cross-language contract: a random model exported by training/export.py, run here on its
 * LR input, gives the output PyTorch computed for it (rounded to 8 bits, within one level).
 */
class PythonFixtureTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(PythonFixtureTest.class.getResource("/fixtures/" + name).toURI());
    }

    @Test
    void javaForwardPassMatchesPyTorch() throws IOException, URISyntaxException {
        Weights w = WeightsFile.read(fixture("mssn-s-x3-random.safetensors"));
        Npy lr = Npy.read(fixture("mssn-s-x3-random.lr.npy"));
        Npy sr = Npy.read(fixture("mssn-s-x3-random.sr.npy"));
        assertArrayEquals(new int[] {9, 13, 3}, lr.shape());
        assertArrayEquals(new int[] {27, 39, 3}, sr.shape());

        byte[] expected = new byte[sr.f32().length];
        int unclamped = 0;
        for (int i = 0; i < expected.length; i++) {
            float v = sr.f32()[i];
            unclamped += v > 0.5f && v < 254.5f ? 1 : 0;
            expected[i] = (byte) (int) Math.min(255, Math.max(0, Math.rint(v)));
        }
        assertTrue(unclamped > expected.length / 2, "fixture output mostly inside 0..255, so the comparison means something");

        try (JavaBackend backend = new JavaBackend(1); Network net = backend.load(MssnParameters.of(w))) {
            RgbImage out = net.upscale(new RgbImage(13, 9, lr.u8()));
            assertEquals(39, out.width());
            Tolerance.assertU8(expected, out.rgb(), "MSSN-S x3 random fixture, Java vs PyTorch");
        }
    }
}
