// conv_dense_fast.cl: KxK convolution with bias (head 3x3, skip 5x5, tail 3x3), register-blocked.
//   out[o,y,x] = sum_{ci,ky,kx} w[o,ci,ky,kx] * in[ci, y+ky-K/2, x+kx-K/2] + bias[o], zero padding K/2
// Each item computes VW pixels of a row for OPT output channels: every input vector it loads
// feeds OPT fmas. Interior items read the input vectors straight from memory; items at a row's
// ends load each value on its own, zero outside the image (no private array: GPUs would keep it
// in slow scratch memory, being indexed at run time).
// The exact twin is conv_dense.cl.
// Layout: planar CHW; weights [cout_pad][cin][K][K] and bias [cout_pad], zero-padded to a
// multiple of OPT output channels. Global size: (ceil(width / VW), height, ceil(cout / OPT)).

#ifndef OPT
#define OPT 4
#endif

// acc[j] += w[j * wstride] * v for the OPT output channels
inline void dense_tap(const floatv v, __global const float* restrict w, const int wstride, floatv acc[OPT]) {
    #pragma unroll
    for (int j = 0; j < OPT; j++) {
        acc[j] = fma((floatv) (w[j * wstride]), v, acc[j]);
    }
}

__kernel void conv_dense_bias_fast(ACT_IN* in, __global const float* restrict weight,
                                   __global const float* restrict bias, ACT_OUT* out,
                                   const int cin, const int cout, const int width, const int height, const int k) {
    const int x = get_global_id(0) * VW;
    const int y = get_global_id(1);
    const int o0 = get_global_id(2) * OPT;
    if (x >= width || y >= height || o0 >= cout) {
        return;
    }
    const int r = k / 2;
    const int plane = width * height;
    const int kk = k * k;
    const bool interior = x >= r && x + VW + r <= width;
    floatv acc[OPT];
    #pragma unroll
    for (int j = 0; j < OPT; j++) {
        acc[j] = (floatv) (0.0f);
    }
    for (int ci = 0; ci < cin; ci++) {
        __global const float* wc = weight + (o0 * cin + ci) * kk;
        for (int ky = 0; ky < k; ky++) {
            const int yy = y + ky - r;
            if (yy < 0 || yy >= height) {
                continue;
            }
            const int row = ci * plane + yy * width;
            // the branch outside the loop: interior items run a loop of plain vector loads
            if (interior) {
                for (int kx = 0; kx < k; kx++) {
                    dense_tap(LOADV(in, row + x + kx - r), wc + ky * k + kx, cin * kk, acc);
                }
            } else {
                for (int kx = 0; kx < k; kx++) {
                    dense_tap(GATHERV(row, x + kx - r), wc + ky * k + kx, cin * kk, acc);
                }
            }
        }
    }
    #pragma unroll
    for (int j = 0; j < OPT; j++) { // unrolled with a guard, not cut short: acc stays in registers
        if (o0 + j < cout) {
            const floatv result = acc[j] + bias[o0 + j];
            const int at = (o0 + j) * plane + y * width + x;
            if (x + VW <= width) {
                STOREV(out, at, result);
            } else {
                store_first(out, at, result, width - x);
            }
        }
    }
}
