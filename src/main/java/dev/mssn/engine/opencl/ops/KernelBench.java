package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import java.util.function.Supplier;

/**
 * Where a {@link FastKernel} is tried: a context, the build options, a square tile side, and
 * device buffers of two lifetimes: those kept for the whole search (inputs, weights, the exact
 * twin's outputs, made once since the exact kernels are slow) and those of one trial, freed
 * after it. The tuner, the tests and the benchmarks each provide one.
 */
public interface KernelBench {

    ClContext context();

    BuildOptions options();

    /** The square tile side the kernels run at. */
    int side();

    /** The buffer kept under {@code key}, made by {@code make} the first time. */
    ClBuffer kept(String key, Supplier<ClBuffer> make);

    /** {@code n} activations, seeded, kept under {@code key}. */
    ClBuffer input(String key, int n);

    /** {@code n} weights, seeded, host side, the same array every time for {@code key}. */
    float[] weights(String key, int n);

    /** A kept buffer holding {@code data}. */
    ClBuffer keptUpload(float[] data);

    /** A kept buffer of {@code floats} floats. */
    ClBuffer keptEmpty(int floats);

    /** A buffer of this trial holding {@code data}. */
    ClBuffer upload(float[] data);

    /** A buffer of this trial of {@code floats} floats. */
    ClBuffer empty(int floats);

    /**
     * Fails (with the kernel's name and the size of the difference) unless {@code got} is the
     * exact twin's {@code want} within rounding: fma against separate multiply and add.
     */
    void agree(ClBuffer want, ClBuffer got, int n, String what);
}
