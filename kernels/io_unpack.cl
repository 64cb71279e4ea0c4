// io_unpack.cl: interleaved RGB samples -> normalised planar float.
//   out[c, p] = (rgb[p*3 + c] - mean[c]) / half_range, with mean[c] = max * RGB mean and
//   half_range = max / 2: 127.5 for 8-bit samples (uchar), 32767.5 for 16-bit (ushort).
// Layout: planar CHW, plane = width*height floats.
// Matches engine/java/Normalize exactly.

inline void normalise_pixel(ACT_OUT* out, const int plane, const int p, const float r, const float g,
                            const float b, const float mean0, const float mean1, const float mean2,
                            const float half_range) {
    STORE(out, p, (r - mean0) / half_range);
    STORE(out, plane + p, (g - mean1) / half_range);
    STORE(out, 2 * plane + p, (b - mean2) / half_range);
}

__kernel void unpack_rgb_u8_normalise(__global const uchar* rgb, ACT_OUT* out, const int plane,
                                      const float mean0, const float mean1, const float mean2) {
    const int p = get_global_id(0);
    if (p >= plane) {
        return;
    }
    normalise_pixel(out, plane, p, rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2], mean0, mean1, mean2, 127.5f);
}

__kernel void unpack_rgb_u16_normalise(__global const ushort* rgb, ACT_OUT* out, const int plane,
                                       const float mean0, const float mean1, const float mean2) {
    const int p = get_global_id(0);
    if (p >= plane) {
        return;
    }
    normalise_pixel(out, plane, p, rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2], mean0, mean1, mean2, 32767.5f);
}
