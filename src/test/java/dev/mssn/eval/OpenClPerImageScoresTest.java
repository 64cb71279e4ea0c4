package dev.mssn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.cpu.CpuBackend;
import dev.mssn.engine.opencl.network.ClBackend;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.importer.TorchCheckpointImporter;
import dev.mssn.testutil.Requires;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The authors' MSSN-M x2 on centre crops of every Set5 image: the OpenCL device (whichever
 * implementation the run sees: PoCL, or rusticl in .ci/rusticl.sh) gives each image the CPU
 * path's score. Crops keep it inside CI's time on slow implementations; the full-image means are
 * ReleasedWeightsScoreTest's.
 */
class OpenClPerImageScoresTest {

    /** Side of the high-resolution centre crop: 48 low-resolution pixels, neither a multiple of 16 nor of the tiles. */
    private static final int CROP = 96;

    @Test
    void everySet5ImageScoresAsOnTheCpuPath() throws IOException {
        MssnParameters p = MssnParameters.of(TorchCheckpointImporter.read(Requires.shared("models/mssn-official/MSSN_M_x2.pt")));
        List<EvalImage> crops = EvalSet.load(Requires.shared("datasets/Set5")).stream().map(OpenClPerImageScoresTest::centre).toList();
        List<Protocol.Score> cpu = scores(new CpuBackend(), p, crops);
        List<Protocol.Score> cl = scores(new ClBackend(Requires.openCl()), p, crops);
        for (int i = 0; i < crops.size(); i++) {
            String what = crops.get(i).name() + " centre " + CROP + "x" + CROP;
            // outputs may differ by a level in a few pixels (fma against separate rounding): far below 0.01 dB
            assertEquals(cpu.get(i).psnr(), cl.get(i).psnr(), 0.01, what + " PSNR");
            assertEquals(cpu.get(i).ssim(), cl.get(i).ssim(), 1e-4, what + " SSIM");
        }
    }

    private static List<Protocol.Score> scores(Backend backend, MssnParameters p, List<EvalImage> images) {
        try (backend; Network net = backend.load(p)) {
            return images.stream().map(image -> Protocol.score(net, image, 2)).toList();
        }
    }

    private static EvalImage centre(EvalImage image) {
        RgbImage rgb = image.rgb();
        int x0 = (rgb.width() - CROP) / 2;
        int y0 = (rgb.height() - CROP) / 2;
        byte[] out = new byte[CROP * CROP * 3];
        for (int y = 0; y < CROP; y++) {
            System.arraycopy(rgb.rgb(), ((y0 + y) * rgb.width() + x0) * 3, out, y * CROP * 3, CROP * 3);
        }
        return new EvalImage(image.name(), new RgbImage(CROP, CROP, out), image.grey());
    }
}
