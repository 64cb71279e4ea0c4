package dev.mssn.testutil;

/** IEEE half precision for tests: rounding floats to it and the bits of values it holds exactly. */
public final class Half {

    private Half() {}

    /** {@code v} rounded to the nearest half value (ties to even); |v| must stay below 65504. */
    public static float round(float v) {
        if (v == 0 || Math.abs(v) < 0x1p-24f / 2) {
            return 0f * Math.signum(v);
        }
        int e = Math.max(Math.getExponent(v), -14); // below 2^-14 halves are subnormal: fixed steps of 2^-24
        return (float) Math.scalb(Math.rint(Math.scalb((double) v, 10 - e)), e - 10);
    }

    /** The bits of a value a half holds exactly (see {@link #round}). */
    public static short bits(float exact) {
        int sign = Float.floatToRawIntBits(exact) < 0 ? 0x8000 : 0;
        float a = Math.abs(exact);
        if (a < 0x1p-14f) {
            return (short) (sign | Math.round(a * 0x1p24f));
        }
        int e = Math.getExponent(a);
        int mantissa = Math.round(Math.scalb(a, 10 - e)) - 1024;
        return (short) (sign | (e + 15) << 10 | mantissa);
    }

    public static float value(short bits) {
        int e = (bits >> 10) & 0x1f;
        int m = bits & 0x3ff;
        float v = e == 0 ? m * 0x1p-24f : e == 31 ? (m == 0 ? Float.POSITIVE_INFINITY : Float.NaN) : Math.scalb(1024f + m, e - 25);
        return (bits & 0x8000) != 0 ? -v : v;
    }
}
