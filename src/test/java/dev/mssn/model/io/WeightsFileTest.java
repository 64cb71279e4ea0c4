package dev.mssn.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.model.ModelFormatException;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.Tensor;
import dev.mssn.model.Variant;
import dev.mssn.model.Weights;
import dev.mssn.testutil.RandomModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {

    private static byte[] bytes(Map<String, String> meta, List<Tensor> tensors) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, meta, tensors);
        return out.toByteArray();
    }

    private static String failure(byte[] file) {
        return assertThrows(ModelFormatException.class, () -> WeightsFile.read(new ByteArrayInputStream(file), "m.safetensors")).getMessage();
    }

    @Test
    void roundTripsEveryVariantWithItsLambdaMapping(@TempDir Path dir) throws IOException {
        ModelSpec full = new ModelSpec(Variant.MSSN, 3, List.of(0, 1, 2, 3, 2, 3));
        for (ModelSpec spec : List.of(ModelSpec.of(Variant.MSSN_S, 2), ModelSpec.of(Variant.MSSN_M, 4), full)) {
            Weights w = RandomModels.weights(spec, 7);
            Path f = dir.resolve(spec.variant().name() + ".safetensors");
            WeightsFile.write(f, w, Map.of("source", "test"));
            Weights back = WeightsFile.read(f);
            assertEquals(spec, back.spec());
            for (String name : Weights.names(spec)) {
                assertArrayEquals(w.get(name), back.get(name), name);
            }
        }
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void namesTheTensorWithAWrongShape() throws IOException {
        ModelSpec spec = ModelSpec.of(Variant.MSSN_M, 2);
        Weights w = RandomModels.weights(spec, 1);
        List<Tensor> tensors = new ArrayList<>();
        for (String name : Weights.names(spec)) {
            Tensor t = w.tensors().get(name);
            tensors.add(name.equals("blocks.3.units.1.dw.weight") ? new Tensor(name, new int[] {64, 1, 3, 3}, new float[64 * 9]) : t);
        }
        String msg = failure(bytes(WeightsFile.metadata(spec, Map.of()), tensors));
        assertTrue(msg.contains("m.safetensors") && msg.contains("blocks.3.units.1.dw.weight")
                && msg.contains("[64, 1, 3, 3]") && msg.contains("[128, 1, 3, 3]"), msg);
    }

    @Test
    void namesMissingTensorsAndMetadata() throws IOException {
        ModelSpec spec = ModelSpec.of(Variant.MSSN_S, 2);
        Weights w = RandomModels.weights(spec, 2);
        List<Tensor> tensors = new ArrayList<>(w.tensors().values());
        tensors.removeIf(t -> t.name().equals("tail.bias"));
        assertTrue(failure(bytes(WeightsFile.metadata(spec, Map.of()), tensors)).contains("\"tail.bias\" is missing"));

        Map<String, String> meta = new LinkedHashMap<>(WeightsFile.metadata(spec, Map.of()));
        meta.remove("variant");
        assertTrue(failure(bytes(meta, List.copyOf(w.tensors().values()))).contains("\"variant\" is missing"));

        meta = new LinkedHashMap<>(WeightsFile.metadata(spec, Map.of()));
        meta.put("hidden", "128");
        assertTrue(failure(bytes(meta, List.copyOf(w.tensors().values()))).contains("hidden=128 contradicts"));

        meta = new LinkedHashMap<>(WeightsFile.metadata(spec, Map.of()));
        meta.put("scale", "5");
        assertTrue(failure(bytes(meta, List.copyOf(w.tensors().values()))).contains("scale must be 2, 3 or 4"));
    }

    @Test
    void rejectsNonFiniteValues() throws IOException {
        ModelSpec spec = ModelSpec.of(Variant.MSSN_S, 2);
        Weights w = RandomModels.weights(spec, 3);
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : w.tensors().values()) {
            float[] d = t.data().clone();
            if (t.name().equals("head.bias")) {
                d[5] = Float.NaN;
            }
            tensors.add(new Tensor(t.name(), t.shape(), d));
        }
        assertTrue(failure(bytes(WeightsFile.metadata(spec, Map.of()), tensors)).contains("non-finite"));
    }
}
