package dev.mssn.engine;

/**
 * Bits per colour sample of the images a network reads and writes. The network sees the same
 * normalised values at either depth ((v - max * mean) / (max / 2)), so a 16-bit image is
 * upscaled by the weights trained on 8-bit images, and its result keeps the finer steps.
 */
public enum SampleDepth {
    /** One byte a sample, 0 to 255. */
    BITS_8(1, 255),
    /** Two bytes a sample, little-endian (the byte order of OpenCL devices), 0 to 65535. */
    BITS_16(2, 65535);

    private final int bytes;
    private final int max;

    SampleDepth(int bytes, int max) {
        this.bytes = bytes;
        this.max = max;
    }

    /** The depth of this many bits a sample: 8 or 16. */
    public static SampleDepth ofBits(int bits) {
        return switch (bits) {
            case 8 -> BITS_8;
            case 16 -> BITS_16;
            default -> throw new IllegalArgumentException("samples of " + bits + " bits: use 8 or 16");
        };
    }

    public int bytes() {
        return bytes;
    }

    /** The largest sample value. */
    public int max() {
        return max;
    }

    /** Half the range of sample values, the scale of normalised values (127.5 at 8 bits). */
    public float halfRange() {
        return max / 2f;
    }

    /** Sample {@code i} of an array of samples at this depth. */
    public int get(byte[] samples, int i) {
        return bytes == 1 ? samples[i] & 0xff : (samples[2 * i] & 0xff) | (samples[2 * i + 1] & 0xff) << 8;
    }

    /** Stores {@code value} (0 to {@link #max()}) as sample {@code i}. */
    public void set(byte[] samples, int i, int value) {
        if (bytes == 1) {
            samples[i] = (byte) value;
        } else {
            samples[2 * i] = (byte) value;
            samples[2 * i + 1] = (byte) (value >>> 8);
        }
    }

    /** Rounds a float sample half to even and clamps it to 0..max, as the output kernels do. */
    public int quantise(float v) {
        float r = (float) Math.rint(v);
        return (int) Math.min(Math.max(r, 0f), (float) max);
    }
}
