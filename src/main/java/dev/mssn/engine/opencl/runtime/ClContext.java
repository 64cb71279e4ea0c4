package dev.mssn.engine.opencl.runtime;

import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.binding.ClCodes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A context and its in-order queues (compute, upload, download) on one device, with the programs built for it. Programs are
 * built once per (source, build options) and cached here; closing the context releases them
 * and the queue. Buffers are counted so that leaks show.
 */
public final class ClContext implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClContext.class);

    private final DeviceInfo device;
    private final ClBinding cl;
    private final ClBinding.Context context;
    private final ClBinding.Queue queue;
    private final ClBinding.Queue uploadQueue;
    private final ClBinding.Queue downloadQueue;
    private final Map<String, ClBinding.Program> programs = new HashMap<>();
    private final AtomicInteger liveBuffers = new AtomicInteger();
    private final KernelProfile profile;
    private boolean closed;

    public ClContext(DeviceInfo device) {
        this(device, null);
    }

    /** @param profile where the device times of every command go, or null not to profile */
    public ClContext(DeviceInfo device, KernelProfile profile) {
        this.device = device;
        this.profile = profile;
        this.cl = device.binding();
        int[] err = new int[1];
        context = cl.createContext(device.platform(), device.device(), err);
        ClStatus.check(err[0], "clCreateContext", name());
        ClBinding.Queue[] queues = new ClBinding.Queue[3];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = cl.createQueue(context, device.device(), profile != null, err);
            if (err[0] != ClCodes.CL_SUCCESS) {
                for (int j = 0; j < i; j++) {
                    cl.release(queues[j]);
                }
                cl.release(context);
                ClStatus.check(err[0], "clCreateCommandQueue", name());
            }
        }
        queue = queues[0];
        uploadQueue = queues[1];
        downloadQueue = queues[2];
    }

    public DeviceInfo device() { return device; }
    public String name() { return device.describe(); }
    /** The binding every call on this context goes through. */
    public ClBinding cl() { return cl; }
    /** The in-order queue kernels and blocking transfers run on. */
    public ClBinding.Queue queue() { return queue; }
    /** In-order queues for tile uploads and downloads, so that they overlap the kernels. */
    public ClBinding.Queue uploadQueue() { return uploadQueue; }
    public ClBinding.Queue downloadQueue() { return downloadQueue; }

    /** Records a command's event under {@code name} when this context is profiled; does nothing otherwise. */
    public void profiled(String name, ClBinding.Event event, Work work) {
        if (profile != null) {
            profile.record(cl, name, event, work);
        }
    }

    public boolean isProfiled() {
        return profile != null;
    }

    /** Waits until every command enqueued on the compute queue has finished. */
    public void finish() {
        ClStatus.check(cl.finish(queue), "clFinish", name());
    }

    /** Buffers allocated in this context and not yet released. */
    public int liveBuffers() {
        return liveBuffers.get();
    }

    /** Creates a kernel from {@code source} built with {@code options} (cached per pair). */
    public synchronized ClBinding.Kernel kernel(KernelSource source, String options, String kernelName) {
        checkOpen();
        String key = source.name() + "|" + options;
        ClBinding.Program program = programs.get(key);
        if (program == null) {
            program = build(source, options);
            programs.put(key, program);
        }
        int[] err = new int[1];
        ClBinding.Kernel k = cl.createKernel(program, kernelName, err);
        ClStatus.check(err[0], "clCreateKernel(" + kernelName + ")", name());
        return k;
    }

    private ClBinding.Program build(KernelSource source, String options) {
        int[] err = new int[1];
        ClBinding.Program program = cl.createProgram(context, source.text(), err);
        ClStatus.check(err[0], "clCreateProgramWithSource(" + source.file() + ")", name());
        int status = cl.buildProgram(program, device.device(), options);
        if (status != ClCodes.CL_SUCCESS) {
            String buildLog = cl.buildLog(program, device.device());
            cl.release(program);
            String error = ClCodes.errorName(status);
            throw new DeviceFailure("clBuildProgram(" + source.file() + ", " + options + ") failed on "
                    + name() + ": " + error + "; build log:\n" + buildLog, error);
        }
        log.debug("built {} with '{}' for {}", source.file(), options, name());
        return program;
    }

    /** Allocates device memory; the returned buffer must be closed by its owner. */
    public ClBuffer allocate(long bytes, String what) {
        checkOpen();
        if (bytes <= 0) {
            throw new IllegalArgumentException("buffer " + what + " of " + bytes + " bytes");
        }
        int[] err = new int[1];
        ClBinding.Mem mem = cl.createBuffer(context, bytes, err);
        ClStatus.check(err[0], "clCreateBuffer(" + what + ", " + bytes + " bytes)", name());
        liveBuffers.incrementAndGet();
        return new ClBuffer(this, mem, bytes, what);
    }

    void released() {
        liveBuffers.decrementAndGet();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpenCL context of " + name() + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        programs.values().forEach(cl::release);
        programs.clear();
        cl.release(downloadQueue);
        cl.release(uploadQueue);
        cl.release(queue);
        cl.release(context);
    }
}
