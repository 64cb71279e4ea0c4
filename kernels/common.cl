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

// Lane by lane with constant component names only: a lane picked by a run-time index (or a
// private array to copy the lanes into) makes GPU compilers keep the vector in scratch memory.
//   LANE(v, s)      component s (s0 .. sf) of v; v itself when VW is 1
//   FOR_LANES(X)    X(k, s) for every lane k < VW with its component name s
#if VW == 1
#define LANE(v, s) (v)
#else
#define LANE(v, s) ((v).s)
#endif
#define LANES1(X) X(0, s0)
#define LANES2(X) LANES1(X) X(1, s1)
#define LANES4(X) LANES2(X) X(2, s2) X(3, s3)
#define LANES8(X) LANES4(X) X(4, s4) X(5, s5) X(6, s6) X(7, s7)
#define LANES16(X) LANES8(X) X(8, s8) X(9, s9) X(10, sa) X(11, sb) X(12, sc) X(13, sd) X(14, se) X(15, sf)
#define FOR_LANES(X) CAT(LANES, VW)(X)

// Stores the first n lanes of v as elements at .. at+n-1 (a vector cut off by a row's end).
inline void store_first(ACT_OUT* out, const int at, const floatv v, const int n) {
#define STORE_IF_FIRST(k, s) if ((k) < n) { STORE(out, at + (k), LANE(v, s)); }
    FOR_LANES(STORE_IF_FIRST)
#undef STORE_IF_FIRST
}

// The 1, 2, 4, ... values from column x0_ on of the row starting at element row_, each zero
// outside columns 0..width-1 (rows cut by the image's edges); they read the kernel's `in` and
// `width`. GATHERV gathers VW of them as a floatv.
#define GATHER1(row_, x0_) ((x0_) >= 0 && (x0_) < width ? LOAD(in, (row_) + (x0_)) : 0.0f)
// (the vector is built from scalars: a vector made of smaller vectors, (float4) (float2, float2),
// compiles unoptimised to shuffles with undefined lanes, which crash Oclgrind's uninitialised-
// value checker)
#define GATHERS_(row_, x0_, k) GATHER1(row_, (x0_) + (k))
#define GATHERS1(row_, x0_) GATHERS_(row_, x0_, 0)
#define GATHERS2(row_, x0_) GATHERS1(row_, x0_), GATHERS_(row_, x0_, 1)
#define GATHERS4(row_, x0_) GATHERS2(row_, x0_), GATHERS_(row_, x0_, 2), GATHERS_(row_, x0_, 3)
#define GATHERS8(row_, x0_) GATHERS4(row_, x0_), GATHERS_(row_, x0_, 4), GATHERS_(row_, x0_, 5), \
    GATHERS_(row_, x0_, 6), GATHERS_(row_, x0_, 7)
#define GATHERS16(row_, x0_) GATHERS8(row_, x0_), GATHERS_(row_, x0_, 8), GATHERS_(row_, x0_, 9), \
    GATHERS_(row_, x0_, 10), GATHERS_(row_, x0_, 11), GATHERS_(row_, x0_, 12), GATHERS_(row_, x0_, 13), \
    GATHERS_(row_, x0_, 14), GATHERS_(row_, x0_, 15)
#define GATHERV(row_, x0_) ((floatv) (CAT(GATHERS, VW)(row_, x0_)))
