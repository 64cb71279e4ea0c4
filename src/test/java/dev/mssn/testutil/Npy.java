package dev.mssn.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the .npy arrays (uint8 or little-endian float32, C order) that training/export.py writes for fixtures. */
public record Npy(int[] shape, byte[] u8, float[] f32) {

    public static Npy read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        int headerLen = b.getShort() & 0xffff;
        byte[] h = new byte[headerLen];
        b.get(h);
        String header = new String(h, StandardCharsets.US_ASCII);
        Matcher shapeM = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        Matcher descrM = Pattern.compile("'descr': '([^']*)'").matcher(header);
        if (!shapeM.find() || !descrM.find() || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": unsupported npy header " + header);
        }
        int[] shape = Arrays.stream(shapeM.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        return switch (descrM.group(1)) {
            case "|u1" -> {
                byte[] d = new byte[n];
                b.get(d);
                yield new Npy(shape, d, null);
            }
            case "<f4" -> {
                float[] d = new float[n];
                b.asFloatBuffer().get(d);
                yield new Npy(shape, null, d);
            }
            default -> throw new IOException(file + ": dtype " + descrM.group(1) + " not supported");
        };
    }
}
