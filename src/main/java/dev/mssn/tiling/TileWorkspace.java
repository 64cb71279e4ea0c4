package dev.mssn.tiling;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Everything a tiled upscale of images of one size needs, made once and kept: the tile plan and
 * an input and an output buffer for each size of tile there is (the inner tiles share theirs,
 * the edge tiles have their own). Upscaling image after image of that size (the frames of a
 * game or a player) then allocates nothing here, and nothing on a network that writes into its
 * output ({@link Network#upscaleInto}). A network that works ahead (OpenCL) gets two tiles in
 * flight, as {@link TileRunner} gives it. Results are {@link TileRunner#upscale}'s, bit for bit.
 * Not for use by two threads at once.
 */
public final class TileWorkspace {

    private final int width;
    private final int height;
    private final int scale;
    private final SampleDepth depth;
    private final List<TilePlan.Tile> tiles;
    /** For each tile, which of the buffers below fit it. */
    private final int[] bufferOf;
    private final RgbImage[] inputs;
    private final RgbImage[] outputs;
    private final CallerStop stop = new CallerStop();

    /** The run's stop signal, kept so that a run allocates none: its cancellation, or its caller's interrupt. */
    private static final class CallerStop implements BooleanSupplier {
        volatile Thread caller;
        volatile BooleanSupplier cancelled = Network.NEVER;

        @Override
        public boolean getAsBoolean() {
            Thread t = caller;
            return cancelled.getAsBoolean() || t != null && t.isInterrupted();
        }
    }

    public TileWorkspace(int width, int height, SampleDepth depth, int tileSide, int haloPx, int scale) {
        this.width = width;
        this.height = height;
        this.scale = scale;
        this.depth = depth;
        this.tiles = List.copyOf(TilePlan.plan(width, height, tileSide, haloPx));
        this.bufferOf = new int[tiles.size()];
        List<RgbImage> in = new ArrayList<>();
        List<RgbImage> out = new ArrayList<>();
        for (int t = 0; t < tiles.size(); t++) {
            TileRect r = tiles.get(t).input();
            int found = -1;
            for (int b = 0; b < in.size() && found < 0; b++) {
                if (in.get(b).width() == r.width() && in.get(b).height() == r.height()) {
                    found = b;
                }
            }
            if (found < 0) {
                found = in.size();
                in.add(RgbImage.blank(r.width(), r.height(), depth));
                out.add(RgbImage.blank(Math.multiplyExact(r.width(), scale), Math.multiplyExact(r.height(), scale), depth));
            }
            bufferOf[t] = found;
        }
        this.inputs = in.toArray(RgbImage[]::new);
        this.outputs = out.toArray(RgbImage[]::new);
    }

    /** The tiles an image is cut into. */
    public int tileCount() {
        return tiles.size();
    }

    /**
     * Upscales {@code lr} (this workspace's size and depth) into {@code out} ({@code scale}
     * times larger), tile after tile. {@code cancelled} (or an interrupted calling thread) is
     * asked before each tile and by the network within it, and stops the run with a
     * {@link CancellationException}; {@code out} is then part written.
     */
    public void upscale(Network network, RgbImage lr, RgbImage out, BooleanSupplier cancelled) {
        if (lr.width() != width || lr.height() != height || lr.depth() != depth) {
            throw new IllegalArgumentException("the image is " + lr.width() + "x" + lr.height() + " " + lr.depth() + "; this workspace is for "
                    + width + "x" + height + " " + depth);
        }
        if ((long) out.width() != (long) width * scale || (long) out.height() != (long) height * scale || out.depth() != depth) {
            throw new IllegalArgumentException("out must be " + width * scale + "x" + height * scale + " " + depth);
        }
        stop.caller = Thread.currentThread(); // the network asks from its own threads too
        stop.cancelled = cancelled;
        try {
            run(network, lr, out);
        } finally {
            stop.cancelled = Network.NEVER;
            stop.caller = null;
        }
    }

    private void run(Network network, RgbImage lr, RgbImage out) {
        if (network.worksAhead()) {
            runOverlapped(network, lr, out);
            return;
        }
        for (int t = 0; t < tiles.size(); t++) {
            if (stop.getAsBoolean()) {
                throw new CancellationException("upscale cancelled");
            }
            RgbImage up = outputs[bufferOf[t]];
            network.upscaleInto(crop(lr, t), up, stop);
            paste(up, t, out);
        }
    }

    /**
     * Two tiles in flight, so that one tile's transfers overlap another's kernels: each tile is
     * submitted before the one before it is collected. The device copies a tile's input as it
     * is submitted, so the crop buffers are free again at once.
     */
    private void runOverlapped(Network network, RgbImage lr, RgbImage out) {
        Network.Pending previous = null;
        int previousTile = -1;
        try {
            for (int t = 0; t < tiles.size(); t++) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException("upscale cancelled");
                }
                Network.Pending pending = network.submit(crop(lr, t), stop);
                if (previous != null) {
                    Network.Pending done = previous;
                    previous = null;
                    paste(done.await(), previousTile, out);
                }
                previous = pending;
                previousTile = t;
            }
            Network.Pending last = previous;
            previous = null;
            paste(last.await(), previousTile, out);
        } finally {
            if (previous != null) {
                try {
                    previous.await(); // the device holds nothing in flight after a stop or a failure
                } catch (RuntimeException ignored) {
                    // the first failure is the one being reported
                }
            }
        }
    }

    /** Tile t's input, copied out of {@code lr} into its buffer. */
    private RgbImage crop(RgbImage lr, int t) {
        return TileRunner.cropInto(lr, tiles.get(t).input(), inputs[bufferOf[t]]);
    }

    /** Tile t's core, out of its upscaled tile {@code up}, into {@code out}. */
    private void paste(RgbImage up, int t, RgbImage out) {
        TilePlan.Tile tile = tiles.get(t);
        TileRunner.paste(up, tile.coreOffsetX(scale), tile.coreOffsetY(scale), tile.core().width() * scale,
                tile.core().height() * scale, out, tile.core().x() * scale, tile.core().y() * scale);
    }
}
