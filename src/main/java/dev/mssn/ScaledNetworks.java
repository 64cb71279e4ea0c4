package dev.mssn;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The networks a {@link GpuSuperResolver} runs on, one per trained scale of its model: the one
 * it was built with, and for outputs of other sizes the smallest scale that reaches each
 * image's size, loaded onto the device the first time an image needs it and kept.
 */
final class ScaledNetworks implements AutoCloseable {

    private final int built;
    private final List<Integer> scales;
    private final IntFunction<PlanesUpscaler> loader;
    private final Map<Integer, PlanesUpscaler> loaded = new TreeMap<>();
    private boolean closed;

    /**
     * @param first the upscaler of the scale the resolver was built with
     * @param scales the scales the model has, ascending
     * @param loader loads the model at another of those scales
     */
    ScaledNetworks(PlanesUpscaler first, List<Integer> scales, IntFunction<PlanesUpscaler> loader) {
        this.built = first.network().spec().scale();
        this.scales = List.copyOf(scales);
        this.loader = loader;
        loaded.put(built, first);
    }

    /** The upscaler the resolver was built with. */
    synchronized PlanesUpscaler first() {
        return loaded.get(built);
    }

    /** The smallest of this model's scales at least {@code growth}, or the largest when none reaches it. */
    int scaleFor(double growth) {
        return smallestReaching(scales, growth);
    }

    /** The smallest of {@code scales} (ascending) at least {@code growth}, or the largest when none reaches it. */
    static int smallestReaching(List<Integer> scales, double growth) {
        for (int s : scales) {
            if (s >= growth) {
                return s;
            }
        }
        return scales.get(scales.size() - 1);
    }

    /** The upscaler at {@code scale}, loading it the first time. */
    synchronized PlanesUpscaler at(int scale) {
        if (closed) {
            throw new IllegalStateException("this GpuSuperResolver is closed");
        }
        PlanesUpscaler u = loaded.get(scale);
        if (u == null) {
            u = loader.apply(scale);
            loaded.put(scale, u);
        }
        return u;
    }

    /** Closes the networks loaded; they stay listed, for what their specs tell. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (PlanesUpscaler u : loaded.values()) {
            try {
                u.network().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
