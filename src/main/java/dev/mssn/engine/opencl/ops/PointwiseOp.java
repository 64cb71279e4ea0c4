package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.ClBuffer;

/** The MAWRU's two 1x1 convolutions, over weights packed the way the implementation reads them. */
public interface PointwiseOp extends AutoCloseable {

    /** Weights [cout][cin] in this implementation's layout. */
    float[] pack(float[] weight, int cin, int cout);

    /** out = relu6(W in). */
    void expandRelu6(ClBuffer in, ClBuffer packed, ClBuffer out, int cin, int cout, int plane);

    /** out = muRes * (W t) + muX * y; out may be y. */
    void projectFuse(ClBuffer t, ClBuffer packed, ClBuffer y, ClBuffer out, int cin, int cout, int plane, float muRes, float muX);

    @Override
    void close();
}
