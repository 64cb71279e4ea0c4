package dev.mssn.engine;

import java.util.Locale;

/**
 * How the engine stores activations between kernels; arithmetic is fp32 either way. The API
 * names it {@code dev.mssn.Precision}; the facade turns one into the other once.
 */
public enum Storage {
    /** 32-bit floats: the reference; tiled output is bit-identical to untiled output. */
    FP32,
    /**
     * 16-bit IEEE halves (OpenCL vload_half / vstore_half): half the device memory and memory
     * traffic; results typically within a level or two of fp32 on 8-bit output.
     */
    FP16;

    /** "fp32" or "fp16", any case. */
    public static Storage parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "fp32" -> FP32;
            case "fp16" -> FP16;
            default -> throw new IllegalArgumentException("precision '" + name + "': use fp32 or fp16");
        };
    }

    /** Bytes one stored activation value takes. */
    public int bytes() {
        return this == FP32 ? 4 : 2;
    }
}
