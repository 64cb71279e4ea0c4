// fuse_residual.cl: weighted sum of two activations, the share-source skip of a cascading block.
//   out[i] = a * t[i] + b * y[i]   (h = lambda_res * y + lambda_x * x0); out may alias t or y.
// Global size: (n). Matches engine/java/FuseResidual exactly.

__kernel void fuse_residual(ACT_IN* t, ACT_IN* y, ACT_OUT* out,
                            const float a, const float b, const int n) {
    const int i = get_global_id(0);
    if (i >= n) {
        return;
    }
    STORE(out, i, a * LOAD(t, i) + b * LOAD(y, i));
}
