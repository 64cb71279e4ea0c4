package dev.mssn.engine;

import dev.mssn.model.ModelSpec;

/** A loaded model on one backend. Calls on one instance must not overlap. */
public interface Network extends AutoCloseable {

    ModelSpec spec();

    /** How activations are stored between layers; FP32 unless the backend keeps another. */
    default Storage storage() {
        return Storage.FP32;
    }

    /**
     * Upscales one LR image or tile. Zero padding applies at the tile's edges, so a caller that
     * tiles must give each tile a halo of at least {@link ModelSpec#receptiveRadius()} pixels.
     */
    RgbImage upscale(RgbImage lr);

    /** A tile handed to {@link #submit} whose result has not been collected yet. */
    @FunctionalInterface
    interface Pending {
        /** Waits for the tile and returns it; call exactly once. */
        RgbImage await();
    }

    /**
     * Starts a tile and returns at once where the backend can work ahead: the caller may submit
     * the next tile before awaiting this one, so that one tile's transfers overlap another's
     * computation. At most two tiles may be in flight; results are the same as
     * {@link #upscale}'s. By default the tile runs to completion here.
     */
    default Pending submit(RgbImage lr) {
        RgbImage out = upscale(lr);
        return () -> out;
    }

    @Override
    void close();
}
