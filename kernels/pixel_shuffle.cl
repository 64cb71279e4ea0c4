// pixel_shuffle.cl: tail + skip, sub-pixel shuffle, denormalise, round, pack 8-bit RGB.
//   v = (tail[ch,y,x] + skip[ch,y,x]) * 127.5 + mean[c],  ch = c*s*s + i*s + j (PyTorch order)
//   rgb[((y*s+i) * width*s + x*s+j) * 3 + c] = clamp(rint(v), 0, 255)   (rint: half to even)
// Layout: tail and skip planar, 3*s*s planes of width*height. Global size: (width*s, height*s).
// Matches engine/java/PixelShuffle exactly.

__kernel void pixel_shuffle_denorm_u8(ACT_IN* tail, ACT_IN* skip, __global uchar* rgb,
                                      const int width, const int height, const int s,
                                      const float mean0, const float mean1, const float mean2) {
    const int ox = get_global_id(0);
    const int oy = get_global_id(1);
    if (ox >= width * s || oy >= height * s) {
        return;
    }
    const int x = ox / s;
    const int y = oy / s;
    const int i = oy - y * s;
    const int j = ox - x * s;
    const int plane = width * height;
    const float mean[3] = {mean0, mean1, mean2};
    for (int c = 0; c < 3; c++) {
        const int src = (c * s * s + i * s + j) * plane + y * width + x;
        const float v = (LOAD(tail, src) + LOAD(skip, src)) * 127.5f + mean[c];
        rgb[(oy * width * s + ox) * 3 + c] = (uchar) clamp(rint(v), 0.0f, 255.0f);
    }
}
