// common.cl: shared prelude, prepended to every kernel file by the host.
//   ReLU6 and the macro defaults. Every macro a kernel reads has a default here, so each
//   file also compiles on its own with this prelude.
//
// Contraction of a*b+c into fma is switched off so that sums match the plain-Java reference
// (engine/java) operation for operation.
#pragma OPENCL FP_CONTRACT OFF

// Output channels one work item of a 1x1 convolution computes (register blocking).
#ifndef OUT_PER_ITEM
#define OUT_PER_ITEM 4
#endif

inline float relu6(float v) {
    return fmin(fmax(v, 0.0f), 6.0f);
}
