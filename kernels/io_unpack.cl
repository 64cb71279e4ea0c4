// io_unpack.cl: 8-bit interleaved RGB -> normalised planar float.
//   out[c, p] = (rgb[p*3 + c] - mean[c]) / 127.5, with mean[c] = 255 * RGB mean.
// Layout: planar CHW, plane = width*height floats.
// Matches engine/java/Normalize exactly.

__kernel void unpack_rgb_u8_normalise(__global const uchar* rgb, ACT_OUT* out, const int plane,
                                      const float mean0, const float mean1, const float mean2) {
    const int p = get_global_id(0);
    if (p >= plane) {
        return;
    }
    STORE(out, p, ((float) rgb[p * 3] - mean0) / 127.5f);
    STORE(out, plane + p, ((float) rgb[p * 3 + 1] - mean1) / 127.5f);
    STORE(out, 2 * plane + p, ((float) rgb[p * 3 + 2] - mean2) / 127.5f);
}
