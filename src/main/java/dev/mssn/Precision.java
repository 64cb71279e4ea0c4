package dev.mssn;

import dev.mssn.engine.Storage;

/** How activations are stored on the device between kernels ({@link GpuSuperResolver.Builder#optPrecision}); arithmetic is fp32 either way. */
public enum Precision {
    /** 32-bit floats: the reference; tiled output is bit-identical to untiled output. */
    FP32,
    /**
     * 16-bit IEEE halves: half the device memory and memory traffic; results typically within a
     * level or two of fp32 on 8-bit output.
     */
    FP16;

    /** "fp32" or "fp16", any case. */
    public static Precision parse(String name) {
        return valueOf(Storage.parse(name).name());
    }

    /** The engine's storage for this precision. */
    Storage storage() {
        return Storage.valueOf(name());
    }
}
