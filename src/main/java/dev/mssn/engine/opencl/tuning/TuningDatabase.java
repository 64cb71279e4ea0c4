package dev.mssn.engine.opencl.tuning;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launch parameters per device, as CLBlast keeps them: entries shipped in the jar
 * ({@code /tuning/tuning.json}) overlaid by the user's own file (written by {@code bin/mssn tune}),
 * looked up by device, then vendor (its string, then for GPUs its family), then device type, then
 * the default.
 *
 * <p>The user file is {@code -Dmssn.tuning.file}, else {@code $MSSN_TUNING_FILE}, else
 * {@code $XDG_CACHE_HOME/mssn/tuning.json} (XDG default {@code ~/.cache}).
 */
public final class TuningDatabase {

    static final String RESOURCE = "/tuning/tuning.json";
    private static final Logger LOG = LoggerFactory.getLogger(TuningDatabase.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * The file's shape: a format number and entries by key; an entry holds each design's
     * parameters under its {@link FastKernel#key()} and a {@code measured} note.
     */
    private static final class FileForm {
        int format = 1;
        Map<String, JsonObject> entries = new TreeMap<>();
    }

    private static final String MEASURED = "measured";

    private final Map<String, TuningEntry> entries;
    private final Path userFile;

    private TuningDatabase(Map<String, TuningEntry> entries, Path userFile) {
        this.entries = entries;
        this.userFile = userFile;
    }

    /** The bundled entries overlaid by those of the default user file. */
    public static TuningDatabase load() {
        return load(defaultUserFile());
    }

    /** The bundled entries overlaid by those of {@code userFile} (which need not exist). */
    public static TuningDatabase load(Path userFile) {
        Map<String, TuningEntry> all = new LinkedHashMap<>();
        bundled().forEach(e -> all.put(e.key(), e));
        if (Files.exists(userFile)) {
            try (Reader in = Files.newBufferedReader(userFile, StandardCharsets.UTF_8)) {
                all.putAll(parse(in, userFile.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("reading tuning file " + userFile, e);
            }
        }
        return new TuningDatabase(all, userFile);
    }

    public static Path defaultUserFile() {
        String property = System.getProperty("mssn.tuning.file");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("MSSN_TUNING_FILE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("mssn").resolve("tuning.json");
    }

    public Path userFile() {
        return userFile;
    }

    private static Map<String, TuningEntry> parse(Reader in, String source) {
        FileForm form;
        try {
            form = GSON.fromJson(in, FileForm.class);
        } catch (RuntimeException e) { // Gson's own, or a record's refusal of its values
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("tuning file " + source + " is not valid: " + root.getMessage(), e);
        }
        if (form == null || form.entries == null) {
            throw new IllegalArgumentException("tuning file " + source + " has no entries");
        }
        if (form.format != 1) {
            throw new IllegalArgumentException("tuning file " + source + " has format " + form.format + "; this version reads format 1");
        }
        Map<String, TuningEntry> out = new LinkedHashMap<>();
        form.entries.forEach((key, e) -> {
            try {
                out.put(key, entry(key, source, e));
            } catch (RuntimeException bad) { // ours, or Gson's wrapping of a record's refusal of its values
                Throwable root = bad;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new IllegalArgumentException("tuning file " + source + ", entry '" + key + "': " + root.getMessage(), bad);
            }
        });
        return out;
    }

    private static TuningEntry entry(String key, String source, JsonObject json) {
        Map<FastKernel, LaunchParams> params = new EnumMap<>(FastKernel.class);
        String measured = null;
        for (Map.Entry<String, JsonElement> field : json.entrySet()) {
            if (field.getKey().equals(MEASURED)) {
                measured = field.getValue().isJsonNull() ? null : field.getValue().getAsString();
            } else {
                params.put(FastKernel.byKey(field.getKey()), GSON.fromJson(field.getValue(), LaunchParams.class));
            }
        }
        return new TuningEntry(key, source, params, measured);
    }

    private static JsonObject json(TuningEntry entry) {
        JsonObject json = new JsonObject();
        for (FastKernel k : FastKernel.values()) {
            LaunchParams p = entry.params(k);
            if (p != null) {
                json.add(k.key(), GSON.toJsonTree(p));
            }
        }
        if (entry.measured() != null) {
            json.addProperty(MEASURED, entry.measured());
        }
        return json;
    }

    /**
     * The keys a device is looked up under, most specific first: the device, its vendor string,
     * for GPUs the vendor's family ({@link GpuVendor}: one entry for every driver of that
     * vendor's GPUs, whatever it calls the vendor), the device type, the default.
     */
    public static List<String> keysFor(DeviceInfo device) {
        List<String> keys = new ArrayList<>();
        keys.add(deviceKey(device));
        keys.add("vendor:" + device.vendor().trim());
        if (device.kind() == DeviceInfo.Kind.DISCRETE_GPU || device.kind() == DeviceInfo.Kind.INTEGRATED_GPU) {
            GpuVendor.of(device.vendor()).map(GpuVendor::tuningKey).filter(k -> !keys.contains(k)).ifPresent(keys::add);
        }
        keys.add("type:" + typeName(device.kind()));
        keys.add("default");
        return keys;
    }

    public static String deviceKey(DeviceInfo device) {
        return "device:" + device.vendor().trim() + "/" + device.name().trim();
    }

    private static String typeName(DeviceInfo.Kind kind) {
        return switch (kind) {
            case DISCRETE_GPU, INTEGRATED_GPU -> "GPU";
            default -> kind.name().toUpperCase(Locale.ROOT);
        };
    }

    /**
     * The most specific entry for {@code device}, passing over (with a warning) one that selects
     * parameters the device's driver is known to run wrongly ({@link DriverDefects}).
     */
    public TuningEntry lookup(DeviceInfo device) {
        for (String key : keysFor(device)) {
            TuningEntry e = entries.get(key);
            if (e == null) {
                continue;
            }
            var defect = DriverDefects.excluding(device, e);
            if (defect.isEmpty()) {
                return e;
            }
            LOG.warn("tuning entry {} is not used on {}: {}", key, device.describe(), defect.get().description());
        }
        throw new IllegalStateException("tuning database has no entry that " + device.describe() + " runs correctly");
    }

    /** The entries shipped in the jar, whatever any user file says. */
    public static List<TuningEntry> bundled() {
        try (InputStream in = TuningDatabase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("tuning database " + RESOURCE + " is missing from the classpath");
            }
            return List.copyOf(parse(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled").values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TuningEntry get(String key) {
        return entries.get(key);
    }

    /** Writes {@code entry} into the user file under its key (other entries kept), atomically. */
    public void save(TuningEntry entry) {
        FileForm form = new FileForm();
        try {
            if (Files.exists(userFile)) {
                try (Reader in = Files.newBufferedReader(userFile, StandardCharsets.UTF_8)) {
                    FileForm old = GSON.fromJson(in, FileForm.class);
                    if (old != null && old.entries != null) {
                        form.entries.putAll(old.entries);
                    }
                }
            }
            form.entries.put(entry.key(), json(entry));
            Path dir = userFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "tuning", ".json.tmp");
            try {
                Files.writeString(tmp, GSON.toJson(form) + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, userFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing tuning file " + userFile, e);
        }
        entries.put(entry.key(), entry.withSource(entry.key(), userFile.toString()));
    }
}
