package dev.mssn.model.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.mssn.model.ModelFormatException;
import dev.mssn.model.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the safetensors container: an 8-byte little-endian header length, a JSON header, then
 * the raw little-endian tensor bytes. Only F32 tensors are accepted.
 *
 * <p>Every length and offset is checked against the bytes actually present before anything is
 * allocated, so a truncated or hostile file fails with a message instead of an out-of-memory
 * error or an index error.
 */
public final class SafetensorsReader {

    /** Larger files are refused outright; MSSN weights are a few MiB. */
    public static final long MAX_FILE_BYTES = 512L << 20;
    private static final int MAX_HEADER_BYTES = 16 << 20;

    private SafetensorsReader() {}

    /** A parsed file: the string metadata and the tensors in header order. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {}

    public static Contents read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ModelFormatException(source + ": larger than " + (MAX_FILE_BYTES >> 20) + " MiB, not an MSSN weights file");
        }
        return parse(bytes, source);
    }

    /**
     * A JSON object keeps the last of two equal names, so a header naming a tensor twice would
     * load one of them and never check the other: refused instead.
     */
    private static void requireUniqueNames(String header, String source) {
        try (com.google.gson.stream.JsonReader reader = new com.google.gson.stream.JsonReader(new java.io.StringReader(header))) {
            reader.setStrictness(com.google.gson.Strictness.LENIENT); // as JsonParser read it
            reader.beginObject();
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (!seen.add(name)) {
                    throw new ModelFormatException(source + ": the header names \"" + name + "\" twice");
                }
                reader.skipValue();
            }
        } catch (IOException e) {
            throw new ModelFormatException(source + ": header is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static Contents parse(byte[] file, String source) {
        if (file.length < 8) {
            throw new ModelFormatException(source + ": " + file.length + " bytes, too short for a safetensors header");
        }
        long headerLen = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > file.length - 8) {
            throw new ModelFormatException(source + ": header length " + Long.toUnsignedString(headerLen)
                    + " does not fit the file (" + file.length + " bytes); truncated or not safetensors");
        }
        int dataStart = 8 + (int) headerLen;
        long dataLen = file.length - (long) dataStart;
        JsonObject header;
        try {
            JsonElement parsed = JsonParser.parseString(new String(file, 8, (int) headerLen, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new ModelFormatException(source + ": header is not a JSON object");
            }
            header = parsed.getAsJsonObject();
            requireUniqueNames(new String(file, 8, (int) headerLen, StandardCharsets.UTF_8), source);
        } catch (JsonParseException e) {
            throw new ModelFormatException(source + ": header is not valid JSON: " + e.getMessage(), e);
        }

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                readMetadata(e.getValue(), metadata, source);
            } else {
                entries.add(entry(e.getKey(), e.getValue(), dataLen, source));
            }
        }
        checkCoverage(entries, dataLen, source);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer data = ByteBuffer.wrap(file, dataStart, (int) dataLen).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (Entry en : entries) {
            float[] values = new float[(int) (en.end - en.begin) / 4];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) en.begin).asFloatBuffer().get(values);
            tensors.put(en.name, new Tensor(en.name, en.shape, values));
        }
        return new Contents(metadata, tensors);
    }

    private record Entry(String name, int[] shape, long begin, long end) {}

    private static void readMetadata(JsonElement value, Map<String, String> out, String source) {
        if (!value.isJsonObject()) {
            throw new ModelFormatException(source + ": __metadata__ must be an object of strings");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new ModelFormatException(source + ": metadata \"" + m.getKey() + "\" is not a string");
            }
            out.put(m.getKey(), v.getAsString());
        }
    }

    private static Entry entry(String name, JsonElement value, long dataLen, String source) {
        String where = source + ": tensor \"" + name + "\"";
        if (!value.isJsonObject()) {
            throw new ModelFormatException(where + ": header entry is not an object");
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtype = o.get("dtype");
        if (dtype == null || !dtype.isJsonPrimitive() || !"F32".equals(dtype.getAsString())) {
            throw new ModelFormatException(where + ": dtype " + dtype + " is not supported (only F32)");
        }
        long[] shapeL = longArray(o.get("shape"), where + ": shape", -1);
        int[] shape = new int[shapeL.length];
        long elements = 1;
        for (int i = 0; i < shapeL.length; i++) {
            if (shapeL[i] < 0 || shapeL[i] > Integer.MAX_VALUE) {
                throw new ModelFormatException(where + ": dimension " + shapeL[i] + " out of range");
            }
            shape[i] = (int) shapeL[i];
            elements = Math.multiplyHigh(elements, shapeL[i]) != 0 ? -1 : elements * shapeL[i];
            if (elements < 0 || elements > dataLen) {
                throw new ModelFormatException(where + ": shape needs more bytes than the file holds");
            }
        }
        long[] offsets = longArray(o.get("data_offsets"), where + ": data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end > dataLen) {
            throw new ModelFormatException(where + ": data_offsets [" + begin + ", " + end
                    + "] outside the data section (" + dataLen + " bytes); file truncated?");
        }
        if (end - begin != elements * 4) {
            throw new ModelFormatException(where + ": data_offsets span " + (end - begin)
                    + " bytes but the shape needs " + elements * 4);
        }
        return new Entry(name, shape, begin, end);
    }

    private static long[] longArray(JsonElement e, String what, int requiredLength) {
        if (e == null || !e.isJsonArray()) {
            throw new ModelFormatException(what + " is missing or not an array");
        }
        var arr = e.getAsJsonArray();
        if (requiredLength >= 0 && arr.size() != requiredLength) {
            throw new ModelFormatException(what + " must have " + requiredLength + " entries, has " + arr.size());
        }
        if (arr.size() > 8) {
            throw new ModelFormatException(what + " has " + arr.size() + " entries, too many");
        }
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = arr.get(i);
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                throw new ModelFormatException(what + " entry " + i + " is not a number");
            }
            double d = v.getAsDouble();
            if (d != Math.rint(d) || Math.abs(d) > 1e15) {
                throw new ModelFormatException(what + " entry " + i + " is not an integer in range: " + v);
            }
            out[i] = v.getAsLong();
        }
        return out;
    }

    /** Tensors must tile the data section exactly: no gaps, no overlaps, nothing left over. */
    private static void checkCoverage(List<Entry> entries, long dataLen, String source) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin));
        long at = 0;
        for (Entry e : sorted) {
            if (e.begin != at) {
                throw new ModelFormatException(source + ": tensor \"" + e.name + "\" starts at byte " + e.begin
                        + " but the previous tensor ends at " + at + " (gap or overlap)");
            }
            at = e.end;
        }
        if (at != dataLen) {
            throw new ModelFormatException(source + ": data section has " + dataLen + " bytes but the tensors cover " + at);
        }
    }
}
