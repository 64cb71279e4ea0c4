package dev.mssn.engine.opencl.binding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Decodes the raw bytes of OpenCL info queries: NUL-terminated strings and host-order integers. */
public final class ClInfo {

    private ClInfo() {}

    public static String string(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** A cl_uint, cl_ulong, cl_bool or size_t, whichever width the query answered. */
    public static long number(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        return switch (bytes.length) {
            case 4 -> Integer.toUnsignedLong(b.getInt());
            case 8 -> b.getLong();
            default -> throw new IllegalArgumentException("an OpenCL number of " + bytes.length + " bytes");
        };
    }
}
