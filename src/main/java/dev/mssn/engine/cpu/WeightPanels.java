package dev.mssn.engine.cpu;

/** Packs a [cin][cout] weight matrix into the panels {@link Kernels#pointwise} reads. */
final class WeightPanels {

    private WeightPanels() {}

    /** {@code m[i*cout + o]} into panels of {@link Kernels#panelWidth} outputs, each [cin][width]. */
    static float[] pack(float[] m, int cin, int cout, Kernels kernels) {
        float[] out = new float[cin * cout];
        for (int o0 = 0; o0 < cout; ) {
            int width = kernels.panelWidth(cout - o0);
            for (int i = 0; i < cin; i++) {
                System.arraycopy(m, i * cout + o0, out, o0 * cin + i * width, width);
            }
            o0 += width;
        }
        return out;
    }
}
