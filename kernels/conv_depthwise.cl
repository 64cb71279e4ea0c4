// conv_depthwise.cl: 3x3 depthwise convolution with ReLU6, zero padding 1, no bias.
//   out[c,y,x] = relu6(sum_{ky,kx} w[c,ky,kx] * in[c, y+ky-1, x+kx-1])
// Summed over ky then kx, out-of-image taps skipped.
// Layout: planar CHW; weights [C][3][3]. Global size: (width, height, channels).
// Matches engine/java/DepthwiseConv3x3 within Tolerance.FP32.

__kernel void dwconv3x3_relu6(ACT_IN* in, __global const float* weight, ACT_OUT* out,
                              const int channels, const int width, const int height) {
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    const int c = get_global_id(2);
    if (x >= width || y >= height || c >= channels) {
        return;
    }
    const int base = c * width * height;
    __global const float* w = weight + c * 9;
    float acc = 0.0f;
    for (int ky = 0; ky < 3; ky++) {
        const int yy = y + ky - 1;
        if (yy < 0 || yy >= height) {
            continue;
        }
        for (int kx = 0; kx < 3; kx++) {
            const int xx = x + kx - 1;
            if (xx >= 0 && xx < width) {
                acc += w[ky * 3 + kx] * LOAD(in, base + yy * width + xx);
            }
        }
    }
    STORE(out, base + y * width + x, relu6(acc));
}
