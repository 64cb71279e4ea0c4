// conv_dense.cl: KxK convolution with bias, zero padding K/2 (head 3x3, skip 5x5, tail 3x3).
//   out[o,y,x] = sum_{ci,ky,kx} w[o,ci,ky,kx] * in[ci, y+ky-K/2, x+kx-K/2] + bias[o]
// Summed over ci, then ky, then kx, out-of-image taps skipped; the bias is added last.
// Layout: planar CHW; weights [cout][cin][K][K]. Global size: (width, height, cout).
// Matches engine/java/DenseConv within Tolerance.FP32 (bit-exact where no fma is used).

__kernel void conv_dense_bias(ACT_IN* in, __global const float* weight,
                              __global const float* bias, ACT_OUT* out,
                              const int cin, const int cout, const int width, const int height, const int k) {
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    const int o = get_global_id(2);
    if (x >= width || y >= height || o >= cout) {
        return;
    }
    const int r = k / 2;
    const int plane = width * height;
    float acc = 0.0f;
    for (int ci = 0; ci < cin; ci++) {
        const int base = ci * plane;
        __global const float* w = weight + (o * cin + ci) * k * k;
        for (int ky = 0; ky < k; ky++) {
            const int yy = y + ky - r;
            if (yy < 0 || yy >= height) {
                continue;
            }
            for (int kx = 0; kx < k; kx++) {
                const int xx = x + kx - r;
                if (xx >= 0 && xx < width) {
                    acc += w[ky * k + kx] * LOAD(in, base + yy * width + xx);
                }
            }
        }
    }
    STORE(out, o * plane + y * width + x, acc + bias[o]);
}
