package dev.mssn.engine.opencl.network;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.ops.ClFuseResidual;
import dev.mssn.engine.opencl.ops.ClNormalize;
import dev.mssn.engine.opencl.ops.ClPixelShuffle;
import dev.mssn.engine.opencl.runtime.BuildOptions;
import dev.mssn.engine.opencl.runtime.ClBuffer;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.ClStatus;
import dev.mssn.engine.opencl.tuning.TuningEntry;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.MssnParameters.Block;
import dev.mssn.model.MssnParameters.Conv;
import dev.mssn.model.MssnParameters.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * MSSN on one OpenCL device, activations stored in fp32 or fp16, the convolutions run by the
 * fast kernels as the device's tuning entry says (or by the exact ones, the oracle). Weights
 * are uploaded once, packed as the kernels read them; activation buffers are allocated for a
 * tile size and reused until the size changes. Between the input upload and the output
 * download nothing leaves the device.
 */
final class ClNetwork implements Network {

    private static final int OUT_PER_ITEM = 4;

    private final ClContext ctx;
    private final MssnParameters p;
    private final Storage precision;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final ClNormalize normalize;
    private final ConvOps conv;
    private final ClFuseResidual fuse;
    private final ClPixelShuffle shuffle;
    private final ConvBuffers head;
    private final ConvBuffers skip;
    private final ConvBuffers tail;
    private final List<List<UnitBuffers>> units = new ArrayList<>();
    private Activations act;
    private final Slot[] slots;
    private int nextSlot;
    private boolean closed;

    private record ConvBuffers(Conv conv, ClBuffer weight, ClBuffer bias) {}

    private record UnitBuffers(Unit unit, ClBuffer expand, ClBuffer depthwise, ClBuffer project) {}

    /** @param tuning how to launch the fast kernels, or null for the exact kernels */
    ClNetwork(ClContext ctx, MssnParameters p, Storage precision, TuningEntry tuning) {
        this.ctx = ctx;
        this.p = p;
        this.precision = precision;
        try {
            BuildOptions options = baseOptions(precision);
            slots = new Slot[] {new Slot(own(new TileSlot(ctx, "slot 0"))), new Slot(own(new TileSlot(ctx, "slot 1")))};
            normalize = own(new ClNormalize(ctx, options));
            conv = own(tuning == null ? ConvOps.exact(ctx, options, OUT_PER_ITEM) : ConvOps.fast(ctx, options, tuning));
            fuse = own(new ClFuseResidual(ctx, options));
            shuffle = own(new ClPixelShuffle(ctx, options));
            head = upload(p.head(), "head");
            skip = upload(p.skip(), "skip");
            tail = upload(p.tail(), "tail");
            for (int b = 0; b < p.blocks().size(); b++) {
                List<UnitBuffers> list = new ArrayList<>();
                for (int u = 0; u < p.blocks().get(b).units().size(); u++) {
                    Unit unit = p.blocks().get(b).units().get(u);
                    String n = "blocks." + b + ".units." + u;
                    int c = p.spec().channels();
                    int hid = p.spec().hidden();
                    float[] expand = conv.expandDepthwise() != null ? conv.expandDepthwise().pack(unit.expand(), c, hid)
                            : conv.pointwise().pack(unit.expand(), c, hid);
                    list.add(new UnitBuffers(unit, upload(expand, n + ".expand"),
                            upload(unit.depthwise(), n + ".dw"), upload(conv.pointwise().pack(unit.project(), hid, c), n + ".project")));
                }
                units.add(list);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The build options every kernel of a network gets. */
    static BuildOptions baseOptions(Storage precision) {
        return BuildOptions.of(precision).plus("-DOUT_PER_ITEM=" + OUT_PER_ITEM);
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    private ClBuffer upload(float[] data, String what) {
        ClBuffer b = own(ctx.allocate(4L * data.length, what));
        b.write(data);
        return b;
    }

    private ConvBuffers upload(Conv dense, String what) {
        return new ConvBuffers(dense, upload(this.conv.dense().packWeight(dense.weight(), dense.cin(), dense.cout(), dense.k()),
                what + ".weight"), upload(this.conv.dense().packBias(dense.bias()), what + ".bias"));
    }

    @Override
    public Storage storage() {
        return precision;
    }

    @Override
    public ModelSpec spec() {
        return p.spec();
    }

    /** Float activation buffers for tiles of up to {@code capacity} pixels. */
    private final class Activations implements AutoCloseable {
        final long capacity;
        final List<ClBuffer> all = new ArrayList<>();
        final ClBuffer x;
        final ClBuffer skipOut;
        final ClBuffer x0;
        final ClBuffer h;
        final ClBuffer y;
        final ClBuffer t1;
        final ClBuffer t2;
        final ClBuffer tailOut;

        Activations(int width, int height) {
            this.capacity = (long) width * height;
            ActivationFootprint bytes = ActivationFootprint.of(p.spec(), precision, SampleDepth.BITS_8, width, height);
            try {
                x = alloc(bytes.x(), "x");
                skipOut = alloc(bytes.skip(), "skip");
                x0 = alloc(bytes.x0(), "x0");
                h = alloc(bytes.h(), "h");
                y = alloc(bytes.y(), "y");
                t1 = conv.expandDepthwise() == null ? alloc(bytes.t1(), "t1") : null; // fused: the expanded tensor stays on chip
                t2 = alloc(bytes.t2(), "t2");
                tailOut = alloc(bytes.tail(), "tail");
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private ClBuffer alloc(long bytes, String what) {
            ClBuffer b = ctx.allocate(bytes, what + " for " + capacity + " px");
            all.add(b);
            return b;
        }

        @Override
        public void close() {
            all.forEach(ClBuffer::close);
            all.clear();
        }
    }

    @Override
    public RgbImage upscale(RgbImage lr) {
        return submit(lr, NEVER).await();
    }

    @Override
    public RgbImage upscale(RgbImage lr, BooleanSupplier stop) {
        return submit(lr, stop).await();
    }

    @Override
    public Pending submit(RgbImage lr) {
        return submit(lr, NEVER);
    }

    @Override
    public boolean worksAhead() {
        return true;
    }

    /**
     * Enqueues one tile: upload on the upload queue, the network on the compute queue once the
     * upload is done, download on the download queue once the network is done. With two slots
     * the next tile's upload runs during this tile's kernels, and this tile's download during
     * the next tile's kernels. Buffers larger than a tile are used as they are; they grow when
     * a larger tile comes (a released buffer lives on until the commands using it are done).
     * The kernels are enqueued a unit at a time, a few units ahead of the device, and
     * {@code stop} is asked between units (see {@link StopPoints}).
     */
    @Override
    public Pending submit(RgbImage lr, BooleanSupplier stop) {
        if (closed) {
            throw new IllegalStateException("network is closed");
        }
        int w = lr.width();
        int hgt = lr.height();
        int plane = w * hgt;
        int s = p.spec().scale();
        SampleDepth depth = lr.depth();
        if (depth == SampleDepth.BITS_16 && !ctx.device().littleEndian()) {
            throw new UnsupportedOperationException(ctx.name() + " is big-endian; 16-bit images need a little-endian device");
        }
        ActivationFootprint bytes = ActivationFootprint.of(p.spec(), precision, depth, w, hgt);
        int inBytes = Math.toIntExact(bytes.rgbIn());
        int outBytes = Math.toIntExact(bytes.rgbOut());
        if (act == null || act.capacity < plane) {
            if (act != null) {
                act.close();
                act = null;
            }
            act = new Activations(w, hgt);
        }
        Slot slot = slots[nextSlot];
        nextSlot = (nextSlot + 1) % slots.length;
        if (slot.inFlight != null) {
            throw new IllegalStateException("more than " + slots.length + " tiles in flight; await one first");
        }
        slot.buffers.ensure(inBytes, outBytes);
        ClBinding cl = ctx.cl();
        ClBinding.Event uploaded = slot.buffers.upload(lr.rgb());
        ClBinding.Event computed = cl.newEvent();
        try (StopPoints stopPoints = new StopPoints(ctx, stop)) {
            ClStatus.check(cl.barrier(ctx.queue(), new ClBinding.Event[] {uploaded}), "clEnqueueBarrierWithWaitList(upload)", ctx.name());
            enqueueNetwork(slot.buffers.in(), slot.buffers.out(), depth, w, hgt, stopPoints);
            ClStatus.check(cl.marker(ctx.queue(), computed), "clEnqueueMarkerWithWaitList", ctx.name());
            ClStatus.check(cl.flush(ctx.queue()), "clFlush(compute)", ctx.name());
        } catch (RuntimeException e) {
            cl.finish(ctx.queue()); // what was enqueued before the stop or the failure: its buffers stay in use until then
            cl.release(uploaded);
            throw e;
        }
        ClBinding.Event downloaded = slot.buffers.download(outBytes, computed);
        Pending pending = () -> {
            try {
                return new RgbImage(w * s, hgt * s, slot.buffers.collect(downloaded, outBytes), depth);
            } finally {
                cl.release(uploaded);
                cl.release(computed);
                cl.release(downloaded);
                slot.inFlight = null;
            }
        };
        slot.inFlight = pending;
        return pending;
    }

    /** A tile slot and the tile in it, if any. */
    private static final class Slot {
        final TileSlot buffers;
        Pending inFlight;

        Slot(TileSlot buffers) {
            this.buffers = buffers;
        }
    }

    private void enqueueNetwork(ClBuffer rgbIn, ClBuffer rgbOut, SampleDepth depth, int w, int hgt, StopPoints stopPoints) {
        int plane = w * hgt;
        int c = p.spec().channels();
        int hid = p.spec().hidden();
        int s = p.spec().scale();
        normalize.run(rgbIn, depth, act.x, w, hgt);
        conv.dense().run(act.x, skip.weight, skip.bias, act.skipOut, 3, skip.conv.cout(), skip.conv.k(), w, hgt);
        conv.dense().run(act.x, head.weight, head.bias, act.x0, 3, c, head.conv.k(), w, hgt);
        stopPoints.reached();
        ClBuffer blockIn = act.x0;
        for (int b = 0; b < units.size(); b++) {
            ClBuffer y = blockIn;
            for (UnitBuffers u : units.get(b)) {
                if (conv.expandDepthwise() != null) {
                    conv.expandDepthwise().run(y, u.expand, u.depthwise, act.t2, c, hid, w, hgt);
                } else {
                    conv.pointwise().expandRelu6(y, u.expand, act.t1, c, hid, plane);
                    conv.depthwise().run(act.t1, u.depthwise, act.t2, hid, w, hgt);
                }
                conv.pointwise().projectFuse(act.t2, u.project, y, act.y, hid, c, plane, u.unit.muRes(), u.unit.muX());
                y = act.y;
                stopPoints.reached();
            }
            Block block = p.blocks().get(b);
            fuse.run(act.y, act.x0, act.h, block.lambdaRes(), block.lambdaX(), plane * c);
            blockIn = act.h;
        }
        conv.dense().run(blockIn, tail.weight, tail.bias, act.tailOut, c, tail.conv.cout(), tail.conv.k(), w, hgt);
        shuffle.run(act.tailOut, act.skipOut, rgbOut, depth, w, hgt, s);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Slot slot : slots == null ? new Slot[0] : slots) {
            if (slot.inFlight != null) {
                slot.inFlight.await();
            }
        }
        if (act != null) {
            act.close();
        }
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("releasing " + owned.get(i), e);
            }
        }
        owned.clear();
    }
}
