package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.ClBuffer;

/** KxK convolution with bias (head, skip, tail), over weights and bias packed the way the implementation reads them. */
public interface DenseOp extends AutoCloseable {

    /** Weights [cout][cin][k][k] in this implementation's layout. */
    float[] packWeight(float[] weight, int cin, int cout, int k);

    /** Bias [cout] in this implementation's layout. */
    float[] packBias(float[] bias);

    void run(ClBuffer in, ClBuffer weight, ClBuffer bias, ClBuffer out, int cin, int cout, int k, int width, int height);

    @Override
    void close();
}
