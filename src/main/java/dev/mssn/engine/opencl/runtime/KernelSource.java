package dev.mssn.engine.opencl.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenCL C files under /kernels/ in the jar; each is compiled after common.cl. */
public enum KernelSource {
    IO_UNPACK("io_unpack.cl"),
    CONV_DENSE("conv_dense.cl"),
    CONV_POINTWISE("conv_pointwise.cl"),
    CONV_POINTWISE_FAST("conv_pointwise_fast.cl"),
    CONV_DEPTHWISE_FAST("conv_depthwise_fast.cl"),
    CONV_DENSE_FAST("conv_dense_fast.cl"),
    MAWRU_EXPAND_DW_FAST("mawru_expand_dw_fast.cl"),
    PEAK("peak.cl"),
    CONV_DEPTHWISE("conv_depthwise.cl"),
    FUSE_RESIDUAL("fuse_residual.cl"),
    PIXEL_SHUFFLE("pixel_shuffle.cl");

    static final String COMMON = "common.cl";

    private final String file;

    KernelSource(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** The prelude followed by this file's source. */
    public String text() {
        return read(COMMON) + "\n" + read(file);
    }

    private static String read(String name) {
        try (InputStream in = KernelSource.class.getResourceAsStream("/kernels/" + name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source /kernels/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
