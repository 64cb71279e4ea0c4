package dev.mssn.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mssn.model.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/** Writes the safetensors container (F32 tensors, string metadata), tensors in the given order. */
public final class SafetensorsWriter {

    private SafetensorsWriter() {}

    public static void write(OutputStream out, Map<String, String> metadata, Collection<Tensor> tensors) throws IOException {
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        header.add("__metadata__", meta);
        long offset = 0;
        for (Tensor t : tensors) {
            JsonObject o = new JsonObject();
            o.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) {
                shape.add(d);
            }
            o.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * t.data().length;
            offsets.add(offset);
            o.add("data_offsets", offsets);
            header.add(t.name(), o);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        for (Tensor t : tensors) {
            ByteBuffer b = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.data());
            out.write(b.array());
        }
    }
}
