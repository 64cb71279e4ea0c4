// conv_depthwise_fast.cl: 3x3 depthwise convolution with ReLU6, VW pixels of a row per item.
//   out[c,y,x] = relu6(sum_{ky,kx} w[c,ky,kx] * in[c, y+ky-1, x+kx-1]), zero padding 1
// Interior items read their three column vectors straight from memory; items at a row's ends
// gather the row's VW+2 values (zeros outside the image) into private memory first. (Loading
// each edge value on its own instead, as conv_dense_fast.cl does, halved this kernel's speed on
// PoCL at VW=16; GPU compilers keep the array in registers at VW=1, which the GPU entries use.) Sums use
// fma; the exact twin is conv_depthwise.cl.
// Layout: planar CHW; weights [C][3][3]. Global size: (ceil(width / VW), height, channels).

// Row yy's values at columns x-1 .. x+VW, zero outside the image, into win[0 .. VW+1].
inline void dw_gather(ACT_IN* in, const int row, const int x, const int width, float win[VW + 2]) {
    for (int k = 0; k < VW + 2; k++) {
        const int xx = x - 1 + k;
        win[k] = xx >= 0 && xx < width ? LOAD(in, row + xx) : 0.0f;
    }
}

__kernel void dwconv3x3_relu6_fast(ACT_IN* in, __global const float* weight, ACT_OUT* out,
                                   const int channels, const int width, const int height) {
    const int x = get_global_id(0) * VW;
    const int y = get_global_id(1);
    const int c = get_global_id(2);
    if (x >= width || y >= height || c >= channels) {
        return;
    }
    const int base = c * width * height;
    __global const float* w = weight + c * 9;
    const bool interior = x >= 1 && x + VW + 1 <= width;
    floatv acc = (floatv) (0.0f);
    for (int ky = 0; ky < 3; ky++) {
        const int yy = y + ky - 1;
        if (yy < 0 || yy >= height) {
            continue;
        }
        const int row = base + yy * width;
        if (interior) {
            acc = fma((floatv) (w[ky * 3]), LOADV(in, row + x - 1), acc);
            acc = fma((floatv) (w[ky * 3 + 1]), LOADV(in, row + x), acc);
            acc = fma((floatv) (w[ky * 3 + 2]), LOADV(in, row + x + 1), acc);
        } else {
            float win[VW + 2];
            dw_gather(in, row, x, width, win);
            for (int kx = 0; kx < 3; kx++) {
#if VW == 1
                acc = fma(w[ky * 3 + kx], win[kx], acc);
#else
                acc = fma((floatv) (w[ky * 3 + kx]), CAT(vload, VW)(0, win + kx), acc);
#endif
            }
        }
    }
    const floatv result = RELU6(acc);
    const int at = base + y * width + x;
    if (x + VW <= width) {
        STOREV(out, at, result);
    } else {
        store_first(out, at, result, width - x);
    }
}
