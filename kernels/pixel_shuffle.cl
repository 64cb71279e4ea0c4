// pixel_shuffle.cl: tail + skip, sub-pixel shuffle, denormalise, round, pack RGB samples.
//   v = (tail[ch,y,x] + skip[ch,y,x]) * half_range + mean[c],  ch = c*s*s + i*s + j (PyTorch order)
//   rgb[((y*s+i) * width*s + x*s+j) * 3 + c] = clamp(rint(v), 0, max)   (rint: half to even)
// with max 255 and half_range 127.5 for 8-bit samples (uchar), 65535 and 32767.5 for 16-bit
// (ushort), mean[c] = max * RGB mean.
// Layout: tail and skip planar, 3*s*s planes of width*height. Global size: (width*s, height*s).
// Matches engine/java/PixelShuffle exactly.

// The value of output sample (ox, oy, c) before rounding.
inline float shuffled(ACT_IN* tail, ACT_IN* skip, const int ox, const int oy, const int c,
                      const int width, const int height, const int s, const float mean,
                      const float half_range) {
    const int x = ox / s;
    const int y = oy / s;
    const int i = oy - y * s;
    const int j = ox - x * s;
    const int src = (c * s * s + i * s + j) * width * height + y * width + x;
    return (LOAD(tail, src) + LOAD(skip, src)) * half_range + mean;
}

__kernel void pixel_shuffle_denorm_u8(ACT_IN* tail, ACT_IN* skip, __global uchar* rgb,
                                      const int width, const int height, const int s,
                                      const float mean0, const float mean1, const float mean2) {
    const int ox = get_global_id(0);
    const int oy = get_global_id(1);
    if (ox >= width * s || oy >= height * s) {
        return;
    }
    const float mean[3] = {mean0, mean1, mean2};
    for (int c = 0; c < 3; c++) {
        const float v = shuffled(tail, skip, ox, oy, c, width, height, s, mean[c], 127.5f);
        rgb[(oy * width * s + ox) * 3 + c] = (uchar) clamp(rint(v), 0.0f, 255.0f);
    }
}

__kernel void pixel_shuffle_denorm_u16(ACT_IN* tail, ACT_IN* skip, __global ushort* rgb,
                                       const int width, const int height, const int s,
                                       const float mean0, const float mean1, const float mean2) {
    const int ox = get_global_id(0);
    const int oy = get_global_id(1);
    if (ox >= width * s || oy >= height * s) {
        return;
    }
    const float mean[3] = {mean0, mean1, mean2};
    for (int c = 0; c < 3; c++) {
        const float v = shuffled(tail, skip, ox, oy, c, width, height, s, mean[c], 32767.5f);
        rgb[(oy * width * s + ox) * 3 + c] = (ushort) clamp(rint(v), 0.0f, 65535.0f);
    }
}
