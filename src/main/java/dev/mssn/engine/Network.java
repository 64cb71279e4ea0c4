package dev.mssn.engine;

import dev.mssn.model.ModelSpec;

/** A loaded model on one backend. Calls on one instance must not overlap. */
public interface Network extends AutoCloseable {

    ModelSpec spec();

    /**
     * Upscales one LR image or tile. Zero padding applies at the tile's edges, so a caller that
     * tiles must give each tile a halo of at least {@link ModelSpec#receptiveRadius()} pixels.
     */
    RgbImage upscale(RgbImage lr);

    @Override
    void close();
}
