// mawru_expand_dw_fast.cl: a MAWRU's expansion and depthwise convolution in one kernel, so the
// expanded tensor never reaches global memory.
//   e[h,y,x]  = relu6(sum_i we[h,i] * in[i,y,x])                   (zero outside the image)
//   out[h,y,x] = relu6(sum_{ky,kx} wd[h,ky,kx] * e[h, y+ky-1, x+kx-1])
// A work group owns a strip of ROWS rows, SPAN - 2 columns wide (SPAN = LX * VW), and HC hidden
// channels. It walks down the strip: each item expands its VW pixels of the next row into a
// ring of three rows in local memory (the group's SPAN columns include one halo column on each
// side), then, behind a barrier, the depthwise convolution of the row above is computed from the
// ring and written out. Expanded rows are computed (ROWS + 2) / ROWS times, halo columns twice.
// Sums use fma; the exact twins are conv_pointwise.cl and conv_depthwise.cl.
// Layout: planar CHW; expansion weights transposed, we[i * hidden + h]; depthwise weights
// [hidden][3][3]. Global size: (LX * ceil(width / (SPAN - 2)), ceil(height / ROWS), hidden / HC);
// local size (LX, 1, 1). hidden must be a multiple of HC.

#ifndef HC
#define HC 8
#endif
#ifndef LX
#define LX 16
#endif
#ifndef ROWS
#define ROWS 8
#endif
#define SPAN (LX * VW)
// Ring rows keep one spare float at each end (zeroed once) so that every item can read its left
// and right neighbours with vector loads; the spares only feed the halo columns, which are not output.
#define RING_ROW (SPAN + 2)

__kernel __attribute__((reqd_work_group_size(LX, 1, 1)))
void mawru_expand_dw_relu6_fast(ACT_IN* in, __global const float* restrict we, __global const float* restrict wd,
                                ACT_OUT* out, const int cin, const int hidden, const int width, const int height) {
    __local float ring[3][HC][RING_ROW];
    const int lid = get_local_id(0);
    const int x0 = get_group_id(0) * (SPAN - 2) - 1; // image column of the group's first (halo) column
    const int y0 = get_group_id(1) * ROWS;
    const int h0 = get_group_id(2) * HC;
    const int plane = width * height;
    const int col = lid * VW;           // the item's first column within the span
    const int x = x0 + col;             // and in the image
    const bool inside = x >= 0 && x + VW <= width;
    // The spare floats at each ring row's ends are read (by the vector loads of the outermost
    // items) but feed only halo columns, which are not output: zero them once, so that nothing
    // uninitialised is ever read. The first barrier below orders this before any read.
    if (lid == 0) {
        for (int s = 0; s < 3; s++) {
            for (int h = 0; h < HC; h++) {
                ring[s][h][0] = 0.0f;
            }
        }
    }
    if (lid == LX - 1) {
        for (int s = 0; s < 3; s++) {
            for (int h = 0; h < HC; h++) {
                ring[s][h][RING_ROW - 1] = 0.0f;
            }
        }
    }

    for (int r = 0; r < ROWS + 2; r++) {
        // expand row y0 - 1 + r into ring slot r % 3
        const int yy = y0 - 1 + r;
        const int slot = r % 3;
        if (yy >= 0 && yy < height && inside) {
            floatv acc[HC];
            #pragma unroll
            for (int h = 0; h < HC; h++) {
                acc[h] = (floatv) (0.0f);
            }
            for (int i = 0; i < cin; i++) {
                const floatv v = LOADV(in, i * plane + yy * width + x);
                __global const float* w = we + i * hidden + h0;
                #pragma unroll
                for (int h = 0; h < HC; h++) {
                    acc[h] = fma((floatv) (w[h]), v, acc[h]);
                }
            }
            #pragma unroll
            for (int h = 0; h < HC; h++) {
#if VW == 1
                ring[slot][h][col + 1] = RELU6(acc[h]);
#else
                CAT(vstore, VW)(RELU6(acc[h]), 0, &ring[slot][h][col + 1]);
#endif
            }
        } else {
            for (int k = 0; k < VW; k++) {
                const int xk = x + k;
                const bool valid = yy >= 0 && yy < height && xk >= 0 && xk < width;
                for (int h = 0; h < HC; h++) {
                    float acc = 0.0f;
                    if (valid) {
                        for (int i = 0; i < cin; i++) {
                            acc = fma(we[i * hidden + h0 + h], LOAD(in, i * plane + yy * width + xk), acc);
                        }
                    }
                    ring[slot][h][col + 1 + k] = valid ? relu6(acc) : 0.0f;
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);

        // depthwise convolution of row yy - 1 from slots (r - 2), (r - 1), r
        const int yo = yy - 1;
        if (r >= 2 && yo < height) {
            for (int h = 0; h < HC; h++) {
                __global const float* w = wd + (h0 + h) * 9;
                floatv acc = (floatv) (0.0f);
                for (int ky = 0; ky < 3; ky++) {
                    __local const float* row = ring[(r - 2 + ky) % 3][h];
                    #pragma unroll
                    for (int kx = 0; kx < 3; kx++) {
#if VW == 1
                        acc = fma(w[ky * 3 + kx], row[col + kx], acc);
#else
                        acc = fma((floatv) (w[ky * 3 + kx]), CAT(vload, VW)(0, row + col + kx), acc);
#endif
                    }
                }
                const floatv result = RELU6(acc);
                const int at = (h0 + h) * plane + yo * width + x;
                if (col >= 1 && col + VW <= SPAN - 1 && inside) {
                    STOREV(out, at, result);
                } else {
#define STORE_IF_INSIDE(k, s) \
    if (col + (k) >= 1 && col + (k) <= SPAN - 2 && x + (k) >= 0 && x + (k) < width) { STORE(out, at + (k), LANE(result, s)); }
                    FOR_LANES(STORE_IF_INSIDE)
#undef STORE_IF_INSIDE
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}
