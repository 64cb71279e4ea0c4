// conv_pointwise_fast.cl: the MAWRU's 1x1 convolutions, register-blocked for speed.
//   conv1x1_expand_relu6_fast:  out[o,p] = relu6(sum_i w[o,i] * in[i,p])
//   conv1x1_project_fuse_fast:  out[o,p] = mu_res * sum_i w[o,i] * t[i,p] + mu_x * y[o,p]
//     (out may alias y: each item reads only the y values it overwrites)
// A matrix product (pixels x cin) . (cin x cout): each work item computes `blocks` register
// blocks of VW x WPT one after the other: VW consecutive pixels (one vector load per input
// channel, unit stride along dimension 0) by WPT output channels (weights broadcast: every item
// of a work group reads the same ones). More blocks per item reuse its inputs from cache (CPUs);
// fewer give more items (GPUs).
// Sums use fma; the exact twin is conv_pointwise.cl.
// Layout: planar CHW, plane = width*height; weights transposed and zero-padded,
// wt[i * wstride + o] with wstride = cout rounded up to WPT.
// Global size: (ceil(plane / VW), ceil(cout / (WPT * blocks))). The last item of a plane whose size is not
// a multiple of VW takes the remaining pixels one at a time.
//
// The item's body is a macro expanded in each kernel, not a function both kernels call: GPU
// compilers left such a function (which takes the accumulators as a private array) as a real
// call with its frame in scratch memory, and a function every compiler is forced to inline
// (always_inline, static) is one that Oclgrind then fails to find the kernels around.

#ifndef WPT
#define WPT 8
#endif

// acc[j] = sum_i wt[i, o0 + j] * in[i, at .. at+VW-1] for a floatv (or float, with LOAD_) acc
#define PW_SUM(acc, type_, LOAD_, at)                                                            \
    _Pragma("unroll") for (int j = 0; j < WPT; j++) {                                            \
        acc[j] = (type_) (0.0f);                                                                 \
    }                                                                                            \
    for (int i = 0; i < cin; i++) {                                                              \
        const type_ v = LOAD_(in, i * plane + (at));                                             \
        __global const float* w = wt + i * wstride + o0;                                         \
        _Pragma("unroll") for (int j = 0; j < WPT; j++) {                                        \
            acc[j] = fma((type_) (w[j]), v, acc[j]);                                             \
        }                                                                                        \
    }

// One work item: for output channel blocks o0 from the item's first, acc = the sums, then
// OUT_V(idx, acc[j]) / OUT_1(idx, acc[j]) store the VW pixels (or one pixel) at idx. The guarded
// unrolled store loops keep acc in registers (a loop cut short at cout indexes it at run time).
#define PW_ITEM(OUT_V, OUT_1)                                                                    \
    const int p = get_global_id(0) * VW;                                                         \
    if (p >= plane) {                                                                            \
        return;                                                                                  \
    }                                                                                            \
    const int first = get_global_id(1) * blocks * WPT;                                           \
    const int last = min(cout, first + blocks * WPT);                                            \
    for (int o0 = first; o0 < last; o0 += WPT) {                                                 \
        if (p + VW <= plane) {                                                                   \
            floatv acc[WPT];                                                                     \
            PW_SUM(acc, floatv, LOADV, p)                                                        \
            _Pragma("unroll") for (int j = 0; j < WPT; j++) {                                    \
                if (o0 + j < cout) {                                                             \
                    OUT_V((o0 + j) * plane + p, acc[j]);                                         \
                }                                                                                \
            }                                                                                    \
        } else {                                                                                 \
            for (int q = p; q < plane; q++) {                                                    \
                float acc[WPT];                                                                  \
                PW_SUM(acc, float, LOAD, q)                                                      \
                _Pragma("unroll") for (int j = 0; j < WPT; j++) {                                \
                    if (o0 + j < cout) {                                                         \
                        OUT_1((o0 + j) * plane + q, acc[j]);                                     \
                    }                                                                            \
                }                                                                                \
            }                                                                                    \
        }                                                                                        \
    }

__kernel void conv1x1_expand_relu6_fast(ACT_IN* in, __global const float* restrict wt, ACT_OUT* out,
                                        const int cin, const int cout, const int wstride, const int plane, const int blocks) {
#define EXPAND_V(idx, sum) STOREV(out, idx, RELU6(sum))
#define EXPAND_1(idx, sum) STORE(out, idx, relu6(sum))
    PW_ITEM(EXPAND_V, EXPAND_1)
#undef EXPAND_V
#undef EXPAND_1
}

__kernel void conv1x1_project_fuse_fast(ACT_IN* in, __global const float* restrict wt, ACT_IN* y, ACT_OUT* out,
                                        const int cin, const int cout, const int wstride, const int plane, const int blocks,
                                        const float mu_res, const float mu_x) {
#define FUSE_V(idx, sum) STOREV(out, idx, mu_res * (sum) + mu_x * LOADV(y, idx))
#define FUSE_1(idx, sum) STORE(out, idx, mu_res * (sum) + mu_x * LOAD(y, idx))
    PW_ITEM(FUSE_V, FUSE_1)
#undef FUSE_V
#undef FUSE_1
}
