package dev.mssn.engine;

import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;

/** A place networks run: the plain-Java reference or an OpenCL device. Owns what it loads. */
public interface Backend extends AutoCloseable {

    /** One line for logs and the command line, e.g. "opencl:0 llvmpipe (LLVM 15.0.6, 256 bits) (rusticl, driver 22.3.6)". */
    String describe();

    /** Prepares the network once (compile, upload weights); the result is reused for every tile. */
    Network load(MssnParameters parameters, Storage precision);

    /** {@link #load(MssnParameters, Storage)} with fp32 storage. */
    default Network load(MssnParameters parameters) {
        return load(parameters, Storage.FP32);
    }

    /** LR tile side (the core, without halo) used when the caller asks for an automatic one. */
    int tileSide(ModelSpec spec, Storage precision);

    /**
     * Whether the network runs on this machine's processor cores (the CPU paths, which use all
     * of them): then decoding or encoding another image beside it only competes with it.
     */
    default boolean usesHostCores() {
        return false;
    }

    /** Device buffers allocated now; 0 where memory is the JVM's. */
    default int liveDeviceBuffers() {
        return 0;
    }

    @Override
    void close();
}
