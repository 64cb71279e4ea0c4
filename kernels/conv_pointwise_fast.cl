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

#ifndef WPT
#define WPT 8
#endif

// acc[j] = sum_i wt[i, o0 + j] * in[i, p .. p+VW-1]
inline void pw_block(ACT_IN* in, __global const float* restrict wt, const int cin, const int wstride,
                     const int plane, const int p, const int o0, floatv acc[WPT]) {
    #pragma unroll
    for (int j = 0; j < WPT; j++) {
        acc[j] = (floatv) (0.0f);
    }
    for (int i = 0; i < cin; i++) {
        const floatv v = LOADV(in, i * plane + p);
        __global const float* w = wt + i * wstride + o0;
        #pragma unroll
        for (int j = 0; j < WPT; j++) {
            acc[j] = fma((floatv) (w[j]), v, acc[j]);
        }
    }
}

// The same for one pixel p.
inline void pw_pixel(ACT_IN* in, __global const float* restrict wt, const int cin, const int wstride,
                     const int plane, const int p, const int o0, float acc[WPT]) {
    #pragma unroll
    for (int j = 0; j < WPT; j++) {
        acc[j] = 0.0f;
    }
    for (int i = 0; i < cin; i++) {
        const float v = LOAD(in, i * plane + p);
        __global const float* w = wt + i * wstride + o0;
        #pragma unroll
        for (int j = 0; j < WPT; j++) {
            acc[j] = fma(w[j], v, acc[j]);
        }
    }
}

// One work item of either convolution: with `residual` out = mu_res * sum + mu_x * y (y may be
// out: each item reads only the y it overwrites), else out = relu6(sum). The kernels below pass
// a literal, so each compiles to its own branch-free code.
inline void pw_item(ACT_IN* in, __global const float* restrict wt, ACT_IN* y, ACT_OUT* out, const int cin,
                    const int cout, const int wstride, const int plane, const int blocks, const bool residual,
                    const float mu_res, const float mu_x) {
    const int p = get_global_id(0) * VW;
    if (p >= plane) {
        return;
    }
    const int first = get_global_id(1) * blocks * WPT;
    const int last = min(cout, first + blocks * WPT);
    for (int o0 = first; o0 < last; o0 += WPT) {
        if (p + VW <= plane) {
            floatv acc[WPT];
            pw_block(in, wt, cin, wstride, plane, p, o0, acc);
            #pragma unroll
            for (int j = 0; j < WPT; j++) {
                if (o0 + j < cout) {
                    const int idx = (o0 + j) * plane + p;
                    STOREV(out, idx, residual ? mu_res * acc[j] + mu_x * LOADV(y, idx) : RELU6(acc[j]));
                }
            }
        } else {
            for (int q = p; q < plane; q++) {
                float acc[WPT];
                pw_pixel(in, wt, cin, wstride, plane, q, o0, acc);
                for (int j = 0; j < WPT && o0 + j < cout; j++) {
                    const int idx = (o0 + j) * plane + q;
                    STORE(out, idx, residual ? mu_res * acc[j] + mu_x * LOAD(y, idx) : relu6(acc[j]));
                }
            }
        }
    }
}

__kernel void conv1x1_expand_relu6_fast(ACT_IN* in, __global const float* restrict wt, ACT_OUT* out,
                                        const int cin, const int cout, const int wstride, const int plane, const int blocks) {
    pw_item(in, wt, out, out, cin, cout, wstride, plane, blocks, false, 0.0f, 0.0f);
}

__kernel void conv1x1_project_fuse_fast(ACT_IN* t, __global const float* restrict wt, ACT_IN* y, ACT_OUT* out,
                                        const int cin, const int cout, const int wstride, const int plane, const int blocks,
                                        const float mu_res, const float mu_x) {
    pw_item(t, wt, y, out, cin, cout, wstride, plane, blocks, true, mu_res, mu_x);
}
