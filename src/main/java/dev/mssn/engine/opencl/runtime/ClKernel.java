package dev.mssn.engine.opencl.runtime;

import dev.mssn.engine.opencl.binding.ClBinding;
import java.util.Arrays;

/** A kernel object with typed argument setters and a checked launch. */
public final class ClKernel implements AutoCloseable {

    private final ClContext context;
    private final ClBinding.Kernel kernel;
    private final String name;
    private final int activationBytes;
    private int arg;
    private Work work = Work.NONE;

    public ClKernel(ClContext context, KernelSource source, BuildOptions options, String name) {
        this.context = context;
        this.name = name;
        this.kernel = context.kernel(source, options.compilerOptions(), name);
        this.activationBytes = options.activationBytes();
    }

    /** Bytes of one stored activation in this kernel's build: 2 with fp16 storage, else 4. */
    public int activationBytes() {
        return activationBytes;
    }

    /** What the next launch does, for the profiler's GFLOP/s and GB/s. */
    public ClKernel work(Work next) {
        this.work = next;
        return this;
    }

    public ClKernel args(Object... values) {
        arg = 0;
        for (Object v : values) {
            int status;
            if (v instanceof ClBuffer b) {
                status = context.cl().setArg(kernel, arg, b.mem());
            } else if (v instanceof Integer i) {
                status = context.cl().setArg(kernel, arg, i.intValue());
            } else if (v instanceof Float f) {
                status = context.cl().setArg(kernel, arg, f.floatValue());
            } else {
                throw new IllegalArgumentException("unsupported kernel argument " + v);
            }
            ClStatus.check(status, "clSetKernelArg(" + name + ", " + arg + ")", context.name());
            arg++;
        }
        return this;
    }

    /** Launches over {@code global} items with the work-group size left to the driver. */
    public void launch(long... global) {
        launchLocal(global, null);
    }

    /**
     * Launches with work groups of {@code local} items; each global dimension is rounded up to a
     * multiple of its local size (the kernels skip items outside their range).
     */
    public void launchLocal(long[] global, long[] local) {
        long[] size = global.clone();
        if (local != null) {
            for (int d = 0; d < size.length; d++) {
                size[d] = (size[d] + local[d] - 1) / local[d] * local[d];
            }
        }
        ClBinding.Event event = context.isProfiled() ? context.cl().newEvent() : null;
        Work done = work;
        work = Work.NONE;
        ClStatus.check(context.cl().enqueueKernel(context.queue(), kernel, size, local, event),
                "clEnqueueNDRangeKernel(" + name + ", global=" + Arrays.toString(size) + ", local="
                        + (local == null ? "driver's" : Arrays.toString(local)) + ")", context.name());
        if (event != null) {
            context.profiled(name, event, done);
            context.cl().release(event);
        }
    }

    @Override
    public void close() {
        context.cl().release(kernel);
    }
}
