package dev.mssn.engine.opencl.runtime;

import dev.mssn.engine.Storage;

/**
 * What a kernel is built with: how activations are stored, and the {@code -D} defines of the
 * network and of the kernel's launch parameters. The compiler's option string and the bytes
 * per stored activation both derive from these fields, so neither is read back out of the other.
 *
 * @param storage how activations are stored between kernels ({@code -DSTORE_HALF} for fp16)
 * @param defines space-separated {@code -DNAME=VALUE} options, in the order they were added
 */
public record BuildOptions(Storage storage, String defines) {

    public BuildOptions {
        if (storage == null) {
            throw new IllegalArgumentException("storage precision missing");
        }
        defines = defines.strip();
    }

    /** No defines yet, activations stored at {@code storage}. */
    public static BuildOptions of(Storage storage) {
        return new BuildOptions(storage, "");
    }

    /** These options with {@code more} ({@code -DNAME=VALUE ...}) added after the defines already here. */
    public BuildOptions plus(String more) {
        return new BuildOptions(storage, defines + " " + more);
    }

    /** Bytes one stored activation takes in kernels built with these options: 2 with fp16 storage, else 4. */
    public int activationBytes() {
        return storage.bytes();
    }

    /** The options as the OpenCL compiler takes them. */
    public String compilerOptions() {
        return (defines + (storage == Storage.FP16 ? " -DSTORE_HALF" : "")).strip();
    }

    @Override
    public String toString() {
        return compilerOptions();
    }
}
