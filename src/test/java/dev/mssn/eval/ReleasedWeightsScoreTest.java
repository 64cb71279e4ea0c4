package dev.mssn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mssn.engine.Backend;
import dev.mssn.engine.Network;
import dev.mssn.engine.cpu.CpuBackend;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.engine.opencl.network.ClBackend;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.importer.TorchCheckpointImporter;
import dev.mssn.testutil.Requires;
import dev.mssn.testutil.Tolerance;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authors' weights, run by the product paths (the fast CPU path and OpenCL), reproduce the
 * Set5 scores that docs/mssn.md lists (the published tables' protocol); so does the slow
 * plain-Java reference, the oracle of both, on the default model. The bicubic baseline
 * reproduces the published rows.
 */
class ReleasedWeightsScoreTest {

    @ParameterizedTest(name = "{0} Set5 {1} dB / {2}")
    @CsvSource({"MSSN_S_x2.pt,37.77,0.9597", "MSSN_S_x3.pt,34.01,0.9239", "MSSN_M_x2.pt,37.92,0.9603",
            "MSSN_M_x3.pt,34.23,0.9259", "MSSN_M_x4.pt,32.04,0.8931", "MSSN_x2.pt,38.08,0.9607",
            "MSSN_x3.pt,34.45,0.9276", "MSSN_x4.pt,32.18,0.8957"})
    void set5ScoresOnTheCpuPathAndOpenCl(String file, double psnr, double ssim) throws IOException {
        MssnParameters p = MssnParameters.of(TorchCheckpointImporter.read(Requires.shared("models/mssn-official/" + file)));
        List<EvalImage> set5 = EvalSet.load(Requires.shared("datasets/Set5"));
        int s = p.spec().scale();
        try (Backend cpu = new CpuBackend()) {
            check(cpu, p, set5, s, psnr, ssim, file + " on " + cpu.describe());
        }
        try (Backend cl = new ClBackend(Requires.openCl())) {
            check(cl, p, set5, s, psnr, ssim, file + " on " + cl.describe());
        }
    }

    @Test
    void set5ScoreOfMssnMx2OnTheReference() throws IOException {
        MssnParameters p = MssnParameters.of(TorchCheckpointImporter.read(Requires.shared("models/mssn-official/MSSN_M_x2.pt")));
        try (Backend java = new JavaBackend()) {
            check(java, p, EvalSet.load(Requires.shared("datasets/Set5")), 2, 37.92, 0.9603, "MSSN_M_x2.pt on the reference");
        }
    }

    private static void check(Backend backend, MssnParameters p, List<EvalImage> set, int s, double psnr, double ssim, String what) {
        try (Network net = backend.load(p)) {
            Protocol.Summary sum = Protocol.evaluate(net, set, s, sc -> { });
            assertEquals(psnr, sum.meanPsnr(), Tolerance.PSNR_DB, what + " PSNR");
            assertEquals(ssim, sum.meanSsim(), 0.0001 + 1e-9, what + " SSIM (table gives 4 decimals)");
        }
    }

    /**
     * Set14 holds a grey image (bridge.png); reading it through Java's linear grey once cost
     * 0.01 dB here, inside {@link Tolerance#PSNR_DB}, so this row must round to the listed value.
     */
    @Test
    void set14ScoreOfMssnSx2RoundsToTheListedValue() throws IOException {
        MssnParameters p = MssnParameters.of(TorchCheckpointImporter.read(Requires.shared("models/mssn-official/MSSN_S_x2.pt")));
        List<EvalImage> set14 = EvalSet.load(Requires.shared("datasets/Set14"));
        try (Backend java = new JavaBackend(); Network net = java.load(p)) {
            Protocol.Summary sum = Protocol.evaluate(net, set14, 2, sc -> { });
            assertEquals(33.28, sum.meanPsnr(), 0.005, "MSSN-S x2 Set14 PSNR");
            assertEquals(0.9151, sum.meanSsim(), 0.00005, "MSSN-S x2 Set14 SSIM");
        }
    }

    @ParameterizedTest(name = "bicubic {0} x{1} = {2} dB")
    @CsvSource({"Set5,2,33.66", "Set5,3,30.39", "Set5,4,28.42", "Set14,2,30.24", "Set14,3,27.55", "Set14,4,26.00"})
    void bicubicReproducesThePublishedRows(String set, int s, double psnr) throws IOException {
        List<EvalImage> images = EvalSet.load(Requires.shared("datasets/" + set));
        assertEquals(psnr, Protocol.evaluate(null, images, s, sc -> { }).meanPsnr(), Tolerance.PSNR_DB);
    }

    @Test
    void set14HasItsGreyImageMarkedGreyWithItsStoredValues() throws IOException {
        List<EvalImage> images = EvalSet.load(Requires.shared("datasets/Set14"));
        assertEquals(List.of("bridge.png"), images.stream().filter(EvalImage::grey).map(EvalImage::name).toList());
        EvalImage bridge = images.stream().filter(EvalImage::grey).findFirst().orElseThrow();
        java.awt.image.Raster stored = javax.imageio.ImageIO.read(Requires.shared("datasets/Set14/HR/bridge.png").toFile()).getRaster();
        for (int y = 0; y < bridge.rgb().height(); y += 7) {
            for (int x = 0; x < bridge.rgb().width(); x += 5) {
                assertEquals(stored.getSample(x, y, 0), bridge.rgb().get(x, y, 0), "bridge.png at " + x + "," + y);
            }
        }
    }
}
