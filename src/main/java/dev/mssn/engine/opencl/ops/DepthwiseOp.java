package dev.mssn.engine.opencl.ops;

import dev.mssn.engine.opencl.runtime.ClBuffer;

/** 3x3 depthwise convolution with ReLU6; weights [C][3][3]. */
public interface DepthwiseOp extends AutoCloseable {

    void run(ClBuffer in, ClBuffer weight, ClBuffer out, int channels, int width, int height);

    @Override
    void close();
}
