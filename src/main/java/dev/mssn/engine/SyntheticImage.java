package dev.mssn.engine;

/**
 * A deterministic picture with smooth areas, edges and fine texture, so that timings (the
 * command line's bench and profile, the JMH benchmarks) do not depend on a file.
 */
public final class SyntheticImage {

    private SyntheticImage() {}

    public static RgbImage of(int width, int height) {
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (128 + 100 * Math.sin(x / 9.0) * Math.cos(y / 13.0));
                rgb[i + 1] = (byte) (((x / 32 + y / 32) % 2) * 160 + 40);
                rgb[i + 2] = (byte) ((x * 7 + y * 13) % 256);
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
