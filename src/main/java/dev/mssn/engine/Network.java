package dev.mssn.engine;

import dev.mssn.model.ModelSpec;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

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

    /**
     * {@link #upscale(RgbImage)} that can be stopped part way: {@code stop} is asked between the
     * backend's small steps (rows of a stage on the CPU, kernel launches on OpenCL), from any of
     * its threads, and once true the call ends with a {@link CancellationException} soon after,
     * however long the tile would take. The network stays usable. By default it is asked once,
     * before the tile.
     */
    default RgbImage upscale(RgbImage lr, BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            throw new CancellationException("upscale cancelled");
        }
        return upscale(lr);
    }

    /**
     * {@link #upscale(RgbImage, BooleanSupplier)} into {@code out}, an image of the result's size
     * and depth that the caller keeps: a backend that can writes straight into it, allocating
     * nothing per call once its buffers fit (the CPU path); by default the result is copied.
     */
    default void upscaleInto(RgbImage lr, RgbImage out, BooleanSupplier stop) {
        RgbImage result = upscale(lr, stop);
        if (result.width() != out.width() || result.height() != out.height() || result.depth() != out.depth()) {
            throw new IllegalArgumentException("out is " + out.width() + "x" + out.height() + " " + out.depth() + ", the result "
                    + result.width() + "x" + result.height() + " " + result.depth());
        }
        System.arraycopy(result.rgb(), 0, out.rgb(), 0, result.rgb().length);
    }

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
        return submit(lr, NEVER);
    }

    /** {@link #submit(RgbImage)} that {@code stop} can end as it ends {@link #upscale(RgbImage, BooleanSupplier)}. */
    default Pending submit(RgbImage lr, BooleanSupplier stop) {
        RgbImage out = upscale(lr, stop);
        return () -> out;
    }

    /**
     * Whether {@link #submit} returns before the tile is done, so that a caller gains by
     * keeping two tiles in flight (a device with its own queues); false where submit runs the
     * tile to completion, and {@link #upscaleInto} is the cheaper way.
     */
    default boolean worksAhead() {
        return false;
    }

    /** A stop signal that never stops. */
    BooleanSupplier NEVER = () -> false;

    @Override
    void close();
}
