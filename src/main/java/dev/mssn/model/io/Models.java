package dev.mssn.model.io;

import dev.mssn.model.ModelFormatException;
import dev.mssn.model.Variant;
import dev.mssn.model.Weights;
import dev.mssn.model.importer.TorchCheckpointImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds weights by name or path: an embedded model ("mssn-m"), a project weights file
 * (.safetensors) or one of the authors' checkpoints (.pt, converted in memory).
 */
public final class Models {

    /** The model used when none is named. */
    public static final String DEFAULT = "mssn-m";

    private Models() {}

    /** Resource path of an embedded model, e.g. /weights/mssn-m-x2.safetensors. */
    static String resource(String name, int scale) {
        return "/weights/" + name + "-x" + scale + ".safetensors";
    }

    /** Embedded models for a scale, by name. */
    public static List<String> embedded(int scale) {
        List<String> out = new ArrayList<>();
        for (Variant v : Variant.values()) {
            String name = v.displayName().toLowerCase(Locale.ROOT);
            if (Models.class.getResource(resource(name, scale)) != null) {
                out.add(name);
            }
        }
        return out;
    }

    /** The scales a model has, ascending: an embedded model's, or the one of a weights file. */
    public static List<Integer> scales(String nameOrFile) throws IOException {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            Weights w = nameOrFile.toLowerCase(Locale.ROOT).endsWith(".pt") ? TorchCheckpointImporter.read(file) : WeightsFile.read(file);
            return List.of(w.spec().scale());
        }
        List<Integer> out = new ArrayList<>();
        for (int scale = 2; scale <= 4; scale++) {
            if (Models.class.getResource(resource(nameOrFile.toLowerCase(Locale.ROOT), scale)) != null) {
                out.add(scale);
            }
        }
        return out;
    }

    /**
     * Loads weights. A value that names an existing file is read as a file; otherwise it must be
     * an embedded model name. The result must be for {@code scale}.
     */
    public static Weights load(String nameOrFile, int scale) throws IOException {
        Path file = Path.of(nameOrFile);
        Weights w;
        if (Files.isDirectory(file)) {
            throw new IOException(nameOrFile + ": is a folder, not a weights file (.safetensors or .pt)");
        }
        if (Files.isRegularFile(file)) {
            w = nameOrFile.toLowerCase(Locale.ROOT).endsWith(".pt") ? TorchCheckpointImporter.read(file) : WeightsFile.read(file);
        } else if (nameOrFile.contains("/") || nameOrFile.contains(".")) {
            throw new IOException(nameOrFile + ": no such weights file");
        } else {
            String name = nameOrFile.toLowerCase(Locale.ROOT);
            try (InputStream in = Models.class.getResourceAsStream(resource(name, scale))) {
                if (in == null) {
                    throw new IllegalArgumentException("no embedded model '" + nameOrFile + "' for x" + scale
                            + "; embedded at x" + scale + ": " + (embedded(scale).isEmpty() ? "none" : String.join(", ", embedded(scale)))
                            + ". Pass a .safetensors or .pt file instead.");
                }
                w = WeightsFile.read(in, name + "-x" + scale + ".safetensors");
            }
        }
        if (w.spec().scale() != scale) {
            throw new ModelFormatException(w.source() + " is a x" + w.spec().scale() + " model, but x" + scale + " was asked for");
        }
        return w;
    }
}
