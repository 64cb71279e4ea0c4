package dev.mssn.spark;

import java.nio.ByteBuffer;

/** Width and height from a PNG's IHDR chunk (the first chunk, at a fixed offset). */
final class PngSize {

    private PngSize() {}

    static int width(byte[] png) {
        return ByteBuffer.wrap(png, 16, 4).getInt();
    }

    static int height(byte[] png) {
        return ByteBuffer.wrap(png, 20, 4).getInt();
    }
}
