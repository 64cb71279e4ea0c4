// peak.cl: micro-benchmarks of the device's attainable fp32 fma rate and global-memory copy
// bandwidth, which the profiler reports kernel figures against (percent of peak).
//   peak_fma:  8 independent fma chains of floatv per item; 16 * VW * iterations flops per item.
//   peak_copy: out[i] = in[i] over floatv elements; 8 * VW bytes moved per item.
// The results are written out so that the compiler cannot drop the work.

__kernel void peak_fma(__global float* out, const float seed, const int iterations) {
    const int gid = get_global_id(0);
    floatv a0 = (floatv) (seed + gid * 1e-7f);
    floatv a1 = a0 + 0.1f;
    floatv a2 = a0 + 0.2f;
    floatv a3 = a0 + 0.3f;
    floatv a4 = a0 + 0.4f;
    floatv a5 = a0 + 0.5f;
    floatv a6 = a0 + 0.6f;
    floatv a7 = a0 + 0.7f;
    const floatv m = (floatv) (0.9999f);
    const floatv c = (floatv) (1e-4f);
    for (int i = 0; i < iterations; i++) {
        a0 = fma(a0, m, c);
        a1 = fma(a1, m, c);
        a2 = fma(a2, m, c);
        a3 = fma(a3, m, c);
        a4 = fma(a4, m, c);
        a5 = fma(a5, m, c);
        a6 = fma(a6, m, c);
        a7 = fma(a7, m, c);
    }
    const floatv s = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    float total = 0.0f;
#define ADD_LANE(k, c) total += LANE(s, c);
    FOR_LANES(ADD_LANE)
#undef ADD_LANE
    out[gid] = total;
}

__kernel void peak_copy(__global const float* in, __global float* out) {
    const int i = get_global_id(0) * VW;
#if VW == 1
    out[i] = in[i];
#else
    CAT(vstore, VW)(CAT(vload, VW)(0, in + i), 0, out + i);
#endif
}
