// conv_pointwise.cl: the MAWRU's 1x1 convolutions (no bias).
//   conv1x1_expand_relu6:  out[o,p] = relu6(sum_i w[o,i] * in[i,p])
//   conv1x1_project_fuse:  out[o,p] = mu_res * sum_i w[o,i] * t[i,p] + mu_x * y[o,p]
//     (the unit's weighted residual fused in; out may alias y: each item reads only its own y)
// Summed over i in ascending order. Each work item computes OUT_PER_ITEM output channels of
// one pixel, so every input value it loads feeds several outputs.
// Layout: planar CHW, plane = width*height; weights [cout][cin]. Global size:
// (plane, ceil(cout / OUT_PER_ITEM)).
// Matches engine/java/PointwiseConv within Tolerance.FP32.

// acc[j] = sum_i w[o0 + j, i] * in[i, p] for the item's OUT_PER_ITEM outputs (those below cout).
inline void conv1x1_sum(ACT_IN* in, __global const float* weight, const int cin, const int cout,
                        const int plane, const int p, const int o0, float acc[OUT_PER_ITEM]) {
    for (int j = 0; j < OUT_PER_ITEM; j++) {
        acc[j] = 0.0f;
    }
    for (int i = 0; i < cin; i++) {
        const float v = LOAD(in, i * plane + p);
        for (int j = 0; j < OUT_PER_ITEM; j++) {
            if (o0 + j < cout) {
                acc[j] += weight[(o0 + j) * cin + i] * v;
            }
        }
    }
}

__kernel void conv1x1_expand_relu6(ACT_IN* in, __global const float* weight, ACT_OUT* out,
                                   const int cin, const int cout, const int plane) {
    const int p = get_global_id(0);
    const int o0 = get_global_id(1) * OUT_PER_ITEM;
    if (p >= plane || o0 >= cout) {
        return;
    }
    float acc[OUT_PER_ITEM];
    conv1x1_sum(in, weight, cin, cout, plane, p, o0, acc);
    for (int j = 0; j < OUT_PER_ITEM && o0 + j < cout; j++) {
        STORE(out, (o0 + j) * plane + p, relu6(acc[j]));
    }
}

__kernel void conv1x1_project_fuse(ACT_IN* t, __global const float* weight,
                                   ACT_IN* y, ACT_OUT* out,
                                   const int cin, const int cout, const int plane,
                                   const float mu_res, const float mu_x) {
    const int p = get_global_id(0);
    const int o0 = get_global_id(1) * OUT_PER_ITEM;
    if (p >= plane || o0 >= cout) {
        return;
    }
    float acc[OUT_PER_ITEM];
    conv1x1_sum(t, weight, cin, cout, plane, p, o0, acc);
    for (int j = 0; j < OUT_PER_ITEM && o0 + j < cout; j++) {
        const int idx = (o0 + j) * plane + p;
        STORE(out, idx, mu_res * acc[j] + mu_x * LOAD(y, idx));
    }
}
