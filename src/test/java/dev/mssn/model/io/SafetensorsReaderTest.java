package dev.mssn.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.model.ModelFormatException;
import dev.mssn.model.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetensorsReaderTest {

    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return b.array();
    }

    private static String message(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> SafetensorsReader.parse(bytes, "bad.safetensors")).getMessage();
    }

    @Test
    void roundTripsTensorsAndMetadataInOrder() throws IOException {
        Tensor a = new Tensor("a", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f});
        Tensor b = new Tensor("b", new int[] {1}, new float[] {Float.MIN_VALUE});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, Map.of("k", "v"), List.of(a, b));
        SafetensorsReader.Contents c = SafetensorsReader.parse(out.toByteArray(), "x");
        assertEquals(Map.of("k", "v"), c.metadata());
        assertEquals(List.of("a", "b"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(a.data(), c.tensors().get("a").data());
        assertArrayEquals(new int[] {2, 3}, c.tensors().get("a").shape());
        assertArrayEquals(b.data(), c.tensors().get("b").data());
    }

    @Test
    void rejectsTooShortFile() {
        assertTrue(message(new byte[5]).contains("too short"));
    }

    @Test
    void rejectsHeaderLengthBeyondFileWithoutAllocating() {
        byte[] bytes = new byte[16];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        assertTrue(message(bytes).contains("does not fit the file"));
    }

    @Test
    void rejectsTruncatedData() {
        byte[] bytes = file("{\"t\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        assertTrue(message(bytes).contains("outside the data section"), message(bytes));
    }

    @Test
    void rejectsShapeOffsetsMismatch() {
        byte[] bytes = file("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16);
        assertTrue(message(bytes).contains("shape needs 12"), message(bytes));
    }

    @Test
    void rejectsHugeShapeWithoutAllocating() {
        byte[] bytes = file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,8],\"data_offsets\":[0,16]}}", 16);
        assertTrue(message(bytes).contains("more bytes than the file holds"), message(bytes));
    }

    @Test
    void rejectsOverlapsAndGaps() {
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertTrue(message(file(overlap, 12)).contains("gap or overlap"));
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertTrue(message(file(gap, 8)).contains("gap or overlap"));
        String leftover = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertTrue(message(file(leftover, 8)).contains("cover 4"));
    }

    @Test
    void rejectsATensorNamedTwice() {
        // JSON keeps the last of two equal names: the first tensor would be neither loaded nor checked
        String twice = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertEquals("bad.safetensors: the header names \"a\" twice", message(file(twice, 4)));
    }

    @Test
    void rejectsOtherDtypesAndMalformedHeaders() {
        assertTrue(message(file("{\"t\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4)).contains("F16"));
        assertTrue(message(file("[1,2]", 0)).contains("not a JSON object"));
        assertTrue(message(file("{\"t\":", 0)).contains("not valid JSON"));
        assertTrue(message(file("{\"__metadata__\":{\"k\":3}}", 0)).contains("not a string"));
        assertTrue(message(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)).contains("out of range"));
        assertTrue(message(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4)).contains("not an integer"));
    }

    @Test
    void everyTruncationOfAValidFileFailsCleanly() throws IOException {
        Tensor a = new Tensor("a", new int[] {3}, new float[] {1, 2, 3});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, Map.of("format", "mssn"), List.of(a));
        byte[] whole = out.toByteArray();
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            assertThrows(ModelFormatException.class, () -> SafetensorsReader.parse(cut, "cut"), "truncated to " + n + " bytes");
        }
    }
}
