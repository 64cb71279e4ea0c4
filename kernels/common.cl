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

// Activation storage. With -DSTORE_HALF activations are stored as IEEE half (vload_half /
// vstore_half, core OpenCL, no cl_khr_fp16 needed) and all arithmetic stays float: half the
// memory traffic and footprint for about 3 decimal digits per stored value. Weights are float.
//   ACT_IN / ACT_OUT  the pointer types of activation buffers
//   LOAD(p, i)        the float value of element i
//   STORE(p, i, v)    store float v as element i (round to nearest even)
#ifdef STORE_HALF
#define ACT_IN __global const half
#define ACT_OUT __global half
#define LOAD(p, i) vload_half((i), (p))
#define STORE(p, i, v) vstore_half_rte((v), (i), (p))
#else
#define ACT_IN __global const float
#define ACT_OUT __global float
#define LOAD(p, i) ((p)[i])
#define STORE(p, i, v) ((p)[i] = (v))
#endif

inline float relu6(float v) {
    return fmin(fmax(v, 0.0f), 6.0f);
}

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

// Pixel vectors of the fast kernels (*_fast.cl): VW consecutive pixels of one channel, VW one of
// 1, 2, 4, 8, 16, set per program by the host from the device's tuning entry.
//   floatv            VW floats (float when VW is 1)
//   LOADV(p, i)       elements i .. i+VW-1 as a floatv (element alignment only)
//   STOREV(p, i, v)   store v as elements i .. i+VW-1
//   RELU6(v)          ReLU6 of a float or floatv
#ifndef VW
#define VW 1
#endif
#if VW == 1
typedef float floatv;
#define LOADV(p, i) LOAD(p, i)
#define STOREV(p, i, v) STORE(p, i, v)
#else
typedef CAT(float, VW) floatv;
#ifdef STORE_HALF
#define LOADV(p, i) CAT(vload_half, VW)(0, (p) + (i))
#define STOREV(p, i, v) CAT(CAT(vstore_half, VW), _rte)((v), 0, (p) + (i))
#else
#define LOADV(p, i) CAT(vload, VW)(0, (p) + (i))
#define STOREV(p, i, v) CAT(vstore, VW)((v), 0, (p) + (i))
#endif
#endif
#define RELU6(v) fmin(fmax((v), 0.0f), 6.0f)

// The VW lanes of v into lanes[0 .. VW-1].
inline void lanes_of(const floatv v, float lanes[VW]) {
#if VW == 1
    lanes[0] = v;
#else
    CAT(vstore, VW)(v, 0, lanes);
#endif
}

// Stores the first n lanes of v as elements at .. at+n-1 (a vector cut off by a row's end).
inline void store_first(ACT_OUT* out, const int at, const floatv v, const int n) {
    float lanes[VW];
    lanes_of(v, lanes);
    for (int k = 0; k < n; k++) {
        STORE(out, at + k, lanes[k]);
    }
}
