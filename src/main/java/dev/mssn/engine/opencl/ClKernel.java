package dev.mssn.engine.opencl;

import java.util.Arrays;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_kernel;

/** A kernel object with typed argument setters and a checked launch. */
public final class ClKernel implements AutoCloseable {

    private final ClContext context;
    private final cl_kernel kernel;
    private final String name;
    private final int activationBytes;
    private int arg;
    private Work work = Work.NONE;

    public ClKernel(ClContext context, KernelSource source, String options, String name) {
        this.context = context;
        this.name = name;
        this.kernel = context.kernel(source, options, name);
        this.activationBytes = options.contains("-DSTORE_HALF") ? 2 : 4;
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
                status = CL.clSetKernelArg(kernel, arg, Sizeof.cl_mem, Pointer.to(b.mem()));
            } else if (v instanceof Integer i) {
                status = CL.clSetKernelArg(kernel, arg, Sizeof.cl_int, Pointer.to(new int[] {i}));
            } else if (v instanceof Float f) {
                status = CL.clSetKernelArg(kernel, arg, Sizeof.cl_float, Pointer.to(new float[] {f}));
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
        cl_event event = context.isProfiled() ? new cl_event() : null;
        Work done = work;
        work = Work.NONE;
        ClStatus.check(CL.clEnqueueNDRangeKernel(context.queue(), kernel, size.length, null, size, local, 0, null, event),
                "clEnqueueNDRangeKernel(" + name + ", global=" + Arrays.toString(size) + ", local="
                        + (local == null ? "driver's" : Arrays.toString(local)) + ")", context.name());
        if (event != null) {
            context.profiled(name, event, done);
            CL.clReleaseEvent(event);
        }
    }

    @Override
    public void close() {
        CL.clReleaseKernel(kernel);
    }
}
