package dev.mssn.engine;

/**
 * An RGB image or tile, interleaved, rows top to bottom: sample (x, y, c) is sample number
 * (y*width + x)*3 + c of {@code rgb}, one byte a sample at 8 bits, two (little-endian) at 16.
 */
public record RgbImage(int width, int height, byte[] rgb, SampleDepth depth) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long needed = (long) width * height * 3 * depth.bytes();
        if (needed != rgb.length) {
            throw new IllegalArgumentException(width + "x" + height + " RGB at " + depth + " needs " + needed
                    + " bytes, got " + rgb.length);
        }
    }

    /** An 8-bit image. */
    public RgbImage(int width, int height, byte[] rgb) {
        this(width, height, rgb, SampleDepth.BITS_8);
    }

    public static RgbImage blank(int width, int height) {
        return blank(width, height, SampleDepth.BITS_8);
    }

    public static RgbImage blank(int width, int height, SampleDepth depth) {
        return new RgbImage(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3 * depth.bytes())], depth);
    }

    /** Bytes one pixel takes. */
    public int pixelBytes() {
        return 3 * depth.bytes();
    }

    public int get(int x, int y, int c) {
        return depth.get(rgb, (y * width + x) * 3 + c);
    }
}
