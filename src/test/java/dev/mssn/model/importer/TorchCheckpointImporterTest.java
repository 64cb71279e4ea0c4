package dev.mssn.model.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.model.ModelFormatException;
import dev.mssn.model.Tensor;
import dev.mssn.model.Variant;
import dev.mssn.model.Weights;
import dev.mssn.testutil.Requires;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TorchCheckpointImporterTest {

    private static Path official(String file) {
        return Requires.shared("models/mssn-official/" + file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MSSN_S_x2.pt,MSSN_S,2", "MSSN_S_x3.pt,MSSN_S,3", "MSSN_M_x2.pt,MSSN_M,2", "MSSN_M_x3.pt,MSSN_M,3",
            "MSSN_M_x4.pt,MSSN_M,4", "MSSN_x2.pt,MSSN,2", "MSSN_x3.pt,MSSN,3", "MSSN_x4.pt,MSSN,4"})
    void importsEveryReleasedCheckpoint(String file, Variant variant, int scale) throws IOException {
        Weights w = TorchCheckpointImporter.read(official(file));
        assertEquals(variant, w.spec().variant());
        assertEquals(scale, w.spec().scale());
        List<Integer> expected = variant == Variant.MSSN ? List.of(0, 1, 2, 3, 2, 3) : List.of(0, 1, 2, 3);
        assertEquals(expected, w.spec().lambdaResIndex(), "the 6-block variant reuses lambda_res[2], [3] for blocks 4, 5");
    }

    @Test
    void foldsWeightNormalisationOfTheHead() throws IOException {
        Path pt = official("MSSN_M_x2.pt");
        Map<String, Tensor> raw = LegacyTorchFile.read(Files.readAllBytes(pt), "MSSN_M_x2.pt");
        float[] v = raw.get("head.0.weight_v").data();
        float g0 = raw.get("head.0.weight_g").data()[0];
        double norm = 0;
        for (int i = 0; i < 27; i++) {
            norm += v[i] * v[i];
        }
        float[] w = TorchCheckpointImporter.read(pt).get(Weights.HEAD_WEIGHT);
        for (int i = 0; i < 27; i++) {
            assertEquals(g0 * v[i] / Math.sqrt(norm), w[i], 1e-6);
        }
    }

    @Test
    void foldIsPerOutputChannel() {
        Map<String, Tensor> sd = Map.of(
                "c.weight_v", new Tensor("c.weight_v", new int[] {2, 2}, new float[] {3, 4, 0, -2}),
                "c.weight_g", new Tensor("c.weight_g", new int[] {2, 1}, new float[] {10, 3}));
        assertArrayEquals(new float[] {6, 8, 0, -3}, TorchCheckpointImporter.fold(sd, "c", "t"));
    }

    @Test
    void rejectsTheMismatchedSmallX4File() {
        Path file = official("MSSN_S_x4.pt");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TorchCheckpointImporter.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not the released MSSN layout"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be imported"), e.getMessage());
    }

    @Test
    void truncatedCheckpointsFailWithAFormatError(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(official("MSSN_S_x2.pt"));
        for (int n : new int[] {0, 3, 100, 1000, whole.length / 2, whole.length - 1}) {
            Path cut = dir.resolve("cut" + n + ".pt");
            Files.write(cut, Arrays.copyOf(whole, n));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> TorchCheckpointImporter.read(cut), "cut at " + n);
            assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
        }
    }

    @Test
    void aPickleNamingAnythingButAStateDictsConstructorsIsRefusedBeforeItIsLookedUp(@TempDir Path dir) throws IOException {
        // os.system("ls") as pickle protocol 2 (GLOBAL) and protocol 4 (STACK_GLOBAL)
        byte[] global = "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000ls\u0085R.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] stackGlobal = "\u0080\u0004\u008c\u0002os\u008c\u0006system\u0093\u008c\u0002ls\u0085R.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (byte[] pickle : List.of(global, stackGlobal)) {
            Path evil = Files.write(dir.resolve("evil.pt"), pickle);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> TorchCheckpointImporter.read(evil));
            assertEquals(evil + ": its pickle refers to os.system, which a PyTorch state dict never holds; not loaded"
                    + " (a pickle can name code to run, and this reader runs none)", e.getMessage());
        }
    }

    @Test
    void rejectsFilesThatAreNotCheckpoints(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.pt");
        Files.writeString(junk, "this is not a pickle at all");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TorchCheckpointImporter.read(junk));
        assertTrue(e.getMessage().startsWith(junk + ": "), e.getMessage());
    }
}
