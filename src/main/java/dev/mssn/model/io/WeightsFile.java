package dev.mssn.model.io;

import dev.mssn.model.ModelFormatException;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.Tensor;
import dev.mssn.model.Variant;
import dev.mssn.model.Weights;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The project's weights format: a safetensors file whose metadata describes the model
 * (docs/weights-format.md lists every key and tensor).
 */
public final class WeightsFile {

    public static final String FORMAT = "mssn";
    public static final String FORMAT_VERSION = "1";

    private WeightsFile() {}

    public static Weights read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > SafetensorsReader.MAX_FILE_BYTES) {
            throw new ModelFormatException(file + ": " + size + " bytes, larger than any MSSN weights file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static Weights read(InputStream in, String source) throws IOException {
        SafetensorsReader.Contents c = SafetensorsReader.read(in, source);
        return new Weights(spec(c.metadata(), source), c.tensors(), source);
    }

    /** Parses and checks the model description in the metadata. */
    static ModelSpec spec(Map<String, String> meta, String source) {
        String format = require(meta, "format", source);
        if (!FORMAT.equals(format)) {
            throw new ModelFormatException(source + ": metadata format=\"" + format + "\", expected \"" + FORMAT + "\"");
        }
        String version = require(meta, "format_version", source);
        if (!FORMAT_VERSION.equals(version)) {
            throw new ModelFormatException(source + ": format_version " + version + " is not supported (this library reads " + FORMAT_VERSION + ")");
        }
        try {
            Variant variant = Variant.fromName(require(meta, "variant", source));
            int scale = integer(meta, "scale", source);
            List<Integer> lambda = new ArrayList<>();
            for (String s : require(meta, "lambda_res_index", source).split(",")) {
                lambda.add(Integer.parseInt(s.trim()));
            }
            ModelSpec spec = new ModelSpec(variant, scale, lambda);
            expect(meta, "channels", spec.channels(), source);
            expect(meta, "hidden", spec.hidden(), source);
            expect(meta, "blocks", spec.blocks(), source);
            expect(meta, "units_per_block", Variant.UNITS_PER_BLOCK, source);
            return spec;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> meta, String key, String source) {
        String v = meta.get(key);
        if (v == null) {
            throw new ModelFormatException(source + ": metadata key \"" + key + "\" is missing; not an MSSN weights file?");
        }
        return v;
    }

    private static int integer(Map<String, String> meta, String key, String source) {
        String v = require(meta, key, source);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source + ": metadata \"" + key + "\" = \"" + v + "\" is not an integer");
        }
    }

    private static void expect(Map<String, String> meta, String key, int expected, String source) {
        int v = integer(meta, key, source);
        if (v != expected) {
            throw new ModelFormatException(source + ": metadata " + key + "=" + v + " contradicts the variant (expected " + expected + ")");
        }
    }

    /** The metadata that describes {@code spec}, plus free-form provenance entries. */
    public static Map<String, String> metadata(ModelSpec spec, Map<String, String> provenance) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", FORMAT_VERSION);
        m.put("variant", spec.variant().displayName());
        m.put("scale", Integer.toString(spec.scale()));
        m.put("channels", Integer.toString(spec.channels()));
        m.put("hidden", Integer.toString(spec.hidden()));
        m.put("blocks", Integer.toString(spec.blocks()));
        m.put("units_per_block", Integer.toString(Variant.UNITS_PER_BLOCK));
        m.put("lambda_res_index", spec.lambdaResIndex().stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.putAll(provenance);
        return m;
    }

    public static void write(OutputStream out, Weights w, Map<String, String> provenance) throws IOException {
        List<Tensor> ordered = new ArrayList<>();
        for (String name : Weights.names(w.spec())) {
            ordered.add(w.tensors().get(name));
        }
        SafetensorsWriter.write(out, metadata(w.spec(), provenance), ordered);
    }

    /** Writes to a temporary file beside {@code file}, then moves it in place: no partial files. */
    public static void write(Path file, Weights w, Map<String, String> provenance) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // a fresh name, created with the default permissions (createTempFile would make it 0600)
        Path tmp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                write(out, w, provenance);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
