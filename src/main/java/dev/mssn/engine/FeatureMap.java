package dev.mssn.engine;

/** Planar float activations: data[(c*height + y)*width + x]. */
public record FeatureMap(int channels, int height, int width, float[] data) {

    public FeatureMap {
        if ((long) channels * height * width != data.length) {
            throw new IllegalArgumentException(channels + "x" + height + "x" + width + " needs "
                    + (long) channels * height * width + " floats, got " + data.length);
        }
    }

    public static FeatureMap zeros(int channels, int height, int width) {
        return new FeatureMap(channels, height, width, new float[Math.multiplyExact(Math.multiplyExact(channels, height), width)]);
    }

    public int plane() {
        return height * width;
    }
}
