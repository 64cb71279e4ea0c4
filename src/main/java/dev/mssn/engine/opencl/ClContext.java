package dev.mssn.engine.opencl;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;
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
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_command_queue uploadQueue;
    private final cl_command_queue downloadQueue;
    private final Map<String, cl_program> programs = new HashMap<>();
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
        int[] err = new int[1];
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        context = CL.clCreateContext(props, 1, new cl_device_id[] {device.device()}, null, null, err);
        ClStatus.check(err[0], "clCreateContext", name());
        cl_command_queue[] queues = new cl_command_queue[3];
        for (int i = 0; i < queues.length; i++) {
            cl_queue_properties queueProps = new cl_queue_properties();
            if (profile != null) {
                queueProps.addProperty(CL.CL_QUEUE_PROPERTIES, CL.CL_QUEUE_PROFILING_ENABLE);
            }
            queues[i] = CL.clCreateCommandQueueWithProperties(context, device.device(), queueProps, err);
            if (err[0] != CL.CL_SUCCESS) {
                for (int j = 0; j < i; j++) {
                    CL.clReleaseCommandQueue(queues[j]);
                }
                CL.clReleaseContext(context);
                ClStatus.check(err[0], "clCreateCommandQueueWithProperties", name());
            }
        }
        queue = queues[0];
        uploadQueue = queues[1];
        downloadQueue = queues[2];
    }

    public DeviceInfo device() { return device; }
    String name() { return device.describe(); }
    /** The in-order queue kernels and blocking transfers run on. */
    cl_command_queue queue() { return queue; }
    /** In-order queues for tile uploads and downloads, so that they overlap the kernels. */
    cl_command_queue uploadQueue() { return uploadQueue; }
    cl_command_queue downloadQueue() { return downloadQueue; }

    /** Records a command's event under {@code name} when this context is profiled; does nothing otherwise. */
    void profiled(String name, cl_event event, Work work) {
        if (profile != null) {
            profile.record(name, event, work);
        }
    }

    boolean isProfiled() {
        return profile != null;
    }

    /** Waits until every command enqueued on the compute queue has finished. */
    public void finish() {
        ClStatus.check(CL.clFinish(queue), "clFinish", name());
    }

    /** Buffers allocated in this context and not yet released. */
    public int liveBuffers() {
        return liveBuffers.get();
    }

    /** Creates a kernel from {@code source} built with {@code options} (cached per pair). */
    public synchronized cl_kernel kernel(KernelSource source, String options, String kernelName) {
        checkOpen();
        String key = source.name() + "|" + options;
        cl_program program = programs.get(key);
        if (program == null) {
            program = build(source, options);
            programs.put(key, program);
        }
        int[] err = new int[1];
        cl_kernel k = CL.clCreateKernel(program, kernelName, err);
        ClStatus.check(err[0], "clCreateKernel(" + kernelName + ")", name());
        return k;
    }

    private cl_program build(KernelSource source, String options) {
        int[] err = new int[1];
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source.text()}, null, err);
        ClStatus.check(err[0], "clCreateProgramWithSource(" + source.file() + ")", name());
        int status = CL.clBuildProgram(program, 1, new cl_device_id[] {device.device()}, options, null, null);
        if (status != CL.CL_SUCCESS) {
            String buildLog = buildLog(program);
            CL.clReleaseProgram(program);
            throw new dev.mssn.engine.DeviceException("clBuildProgram(" + source.file() + ", " + options + ") failed on "
                    + name() + ": " + CL.stringFor_errorCode(status) + "; build log:\n" + buildLog, CL.stringFor_errorCode(status));
        }
        log.debug("built {} with '{}' for {}", source.file(), options, name());
        return program;
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) Math.max(1, size[0])];
        CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        return new String(buf, StandardCharsets.UTF_8).trim();
    }

    /** Allocates device memory; the returned buffer must be closed by its owner. */
    public ClBuffer allocate(long bytes, String what) {
        checkOpen();
        if (bytes <= 0) {
            throw new IllegalArgumentException("buffer " + what + " of " + bytes + " bytes");
        }
        int[] err = new int[1];
        cl_mem mem = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, err);
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
        programs.values().forEach(CL::clReleaseProgram);
        programs.clear();
        CL.clReleaseCommandQueue(downloadQueue);
        CL.clReleaseCommandQueue(uploadQueue);
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }
}
