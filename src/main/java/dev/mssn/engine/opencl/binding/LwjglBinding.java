package dev.mssn.engine.opencl.binding;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.opencl.CL10;
import org.lwjgl.opencl.CL12;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * {@link ClBinding} over LWJGL's OpenCL bindings (org.lwjgl:lwjgl-opencl), for applications
 * already built on LWJGL. Handles are the native pointers LWJGL passes as longs; temporary
 * native arrays come from LWJGL's thread-local stack.
 */
public final class LwjglBinding implements ClBinding {

    private record LPlatform(long id) implements Platform {}
    private record LDevice(long id) implements Device {}
    private record LContext(long id) implements Context {}
    private record LQueue(long id) implements Queue {}
    private record LProgram(long id) implements Program {}
    private record LKernel(long id) implements Kernel {}
    private record LMem(long id) implements Mem {}

    /** Filled by the command it is handed to. */
    private static final class LEvent implements Event {
        long id;
    }

    @Override
    public String name() {
        return "lwjgl";
    }

    @Override
    public int platforms(List<Platform> out) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int status = CL10.clGetPlatformIDs(null, count);
            if (status != ClCodes.CL_SUCCESS || count.get(0) == 0) {
                return status;
            }
            PointerBuffer ids = stack.mallocPointer(count.get(0));
            status = CL10.clGetPlatformIDs(ids, (IntBuffer) null);
            for (int i = 0; i < ids.capacity(); i++) {
                out.add(new LPlatform(ids.get(i)));
            }
            return status;
        }
    }

    @Override
    public int devices(Platform platform, List<Device> out) {
        long p = ((LPlatform) platform).id();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int status = CL10.clGetDeviceIDs(p, ClCodes.CL_DEVICE_TYPE_ALL, null, count);
            if (status != ClCodes.CL_SUCCESS || count.get(0) == 0) {
                return status;
            }
            PointerBuffer ids = stack.mallocPointer(count.get(0));
            status = CL10.clGetDeviceIDs(p, ClCodes.CL_DEVICE_TYPE_ALL, ids, (IntBuffer) null);
            for (int i = 0; i < ids.capacity(); i++) {
                out.add(new LDevice(ids.get(i)));
            }
            return status;
        }
    }

    @Override
    public byte[] platformInfo(Platform platform, int param, int[] err) {
        long p = ((LPlatform) platform).id();
        return query((value, sizeRet) -> CL10.clGetPlatformInfo(p, param, value, sizeRet), err);
    }

    @Override
    public byte[] deviceInfo(Device device, int param, int[] err) {
        long d = ((LDevice) device).id();
        return query((value, sizeRet) -> CL10.clGetDeviceInfo(d, param, value, sizeRet), err);
    }

    @Override
    public Context createContext(Platform platform, Device device, int[] err) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer props = stack.mallocPointer(3)
                    .put(ClCodes.CL_CONTEXT_PLATFORM).put(((LPlatform) platform).id()).put(0).flip();
            IntBuffer e = stack.mallocInt(1);
            long c = CL10.clCreateContext(props, ((LDevice) device).id(), null, MemoryUtil.NULL, e);
            err[0] = e.get(0);
            return new LContext(c);
        }
    }

    @Override
    public Queue createQueue(Context context, Device device, boolean profiling, int[] err) {
        long properties = profiling ? ClCodes.CL_QUEUE_PROFILING_ENABLE : 0;
        return new LQueue(CL10.clCreateCommandQueue(((LContext) context).id(), ((LDevice) device).id(), properties, err));
    }

    @Override
    public Program createProgram(Context context, String source, int[] err) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer e = stack.mallocInt(1);
            long p = CL10.clCreateProgramWithSource(((LContext) context).id(), source, e);
            err[0] = e.get(0);
            return new LProgram(p);
        }
    }

    @Override
    public int buildProgram(Program program, Device device, String options) {
        return CL10.clBuildProgram(((LProgram) program).id(), ((LDevice) device).id(), options, null, MemoryUtil.NULL);
    }

    @Override
    public String buildLog(Program program, Device device) {
        long p = ((LProgram) program).id();
        long d = ((LDevice) device).id();
        byte[] log = query((value, sizeRet) -> CL10.clGetProgramBuildInfo(p, d, ClCodes.CL_PROGRAM_BUILD_LOG, value, sizeRet),
                new int[1]);
        return ClInfo.string(log).trim();
    }

    @Override
    public Kernel createKernel(Program program, String name, int[] err) {
        return new LKernel(CL10.clCreateKernel(((LProgram) program).id(), name, err));
    }

    @Override
    public Mem createBuffer(Context context, long bytes, int[] err) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer e = stack.mallocInt(1);
            long m = CL10.clCreateBuffer(((LContext) context).id(), ClCodes.CL_MEM_READ_WRITE, bytes, e);
            err[0] = e.get(0);
            return new LMem(m);
        }
    }

    @Override
    public int setArg(Kernel kernel, int index, Mem value) {
        return CL10.clSetKernelArg1p(((LKernel) kernel).id(), index, ((LMem) value).id());
    }

    @Override
    public int setArg(Kernel kernel, int index, int value) {
        return CL10.clSetKernelArg1i(((LKernel) kernel).id(), index, value);
    }

    @Override
    public int setArg(Kernel kernel, int index, float value) {
        return CL10.clSetKernelArg1f(((LKernel) kernel).id(), index, value);
    }

    @Override
    public int enqueueKernel(Queue queue, Kernel kernel, long[] global, long[] local, Event done) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer event = done == null ? null : stack.mallocPointer(1);
            int status = CL10.clEnqueueNDRangeKernel(((LQueue) queue).id(), ((LKernel) kernel).id(), global.length, null,
                    stack.pointers(global), local == null ? null : stack.pointers(local), null, event);
            fill(done, event, status);
            return status;
        }
    }

    @Override
    public int writeBlocking(Queue queue, Mem mem, float[] data) {
        return CL10.clEnqueueWriteBuffer(((LQueue) queue).id(), ((LMem) mem).id(), true, 0, data, null, null);
    }

    @Override
    public int writeBlocking(Queue queue, Mem mem, byte[] data) {
        ByteBuffer host = MemoryUtil.memAlloc(Math.max(1, data.length));
        try {
            host.put(data).flip();
            return CL10.clEnqueueWriteBuffer(((LQueue) queue).id(), ((LMem) mem).id(), true, 0, host, null, null);
        } finally {
            MemoryUtil.memFree(host);
        }
    }

    @Override
    public int readBlocking(Queue queue, Mem mem, float[] out) {
        return CL10.clEnqueueReadBuffer(((LQueue) queue).id(), ((LMem) mem).id(), true, 0, out, null, null);
    }

    @Override
    public int readBlocking(Queue queue, Mem mem, byte[] out) {
        ByteBuffer host = MemoryUtil.memAlloc(Math.max(1, out.length));
        try {
            host.limit(out.length);
            int status = CL10.clEnqueueReadBuffer(((LQueue) queue).id(), ((LMem) mem).id(), true, 0, host, null, null);
            host.get(out);
            return status;
        } finally {
            MemoryUtil.memFree(host);
        }
    }

    @Override
    public int write(Queue queue, Mem mem, ByteBuffer host, Event[] waitFor, Event done) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer event = done == null ? null : stack.mallocPointer(1);
            int status = CL10.clEnqueueWriteBuffer(((LQueue) queue).id(), ((LMem) mem).id(), false, 0, host,
                    ids(stack, waitFor), event);
            fill(done, event, status);
            return status;
        }
    }

    @Override
    public int read(Queue queue, Mem mem, ByteBuffer host, Event[] waitFor, Event done) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer event = done == null ? null : stack.mallocPointer(1);
            int status = CL10.clEnqueueReadBuffer(((LQueue) queue).id(), ((LMem) mem).id(), false, 0, host,
                    ids(stack, waitFor), event);
            fill(done, event, status);
            return status;
        }
    }

    @Override
    public int barrier(Queue queue, Event[] waitFor) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            return CL12.clEnqueueBarrierWithWaitList(((LQueue) queue).id(), ids(stack, waitFor), null);
        }
    }

    @Override
    public int marker(Queue queue, Event done) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer event = stack.mallocPointer(1);
            int status = CL12.clEnqueueMarkerWithWaitList(((LQueue) queue).id(), null, event);
            fill(done, event, status);
            return status;
        }
    }

    @Override
    public int flush(Queue queue) {
        return CL10.clFlush(((LQueue) queue).id());
    }

    @Override
    public int finish(Queue queue) {
        return CL10.clFinish(((LQueue) queue).id());
    }

    @Override
    public int waitFor(Event event) {
        return CL10.clWaitForEvents(((LEvent) event).id);
    }

    @Override
    public long profilingInfo(Event event, int param, int[] err) {
        long[] value = new long[1];
        err[0] = CL10.clGetEventProfilingInfo(((LEvent) event).id, param, value, null);
        return value[0];
    }

    @Override
    public Event newEvent() {
        return new LEvent();
    }

    @Override
    public void retain(Event event) {
        CL10.clRetainEvent(((LEvent) event).id);
    }

    @Override
    public void release(Event event) {
        CL10.clReleaseEvent(((LEvent) event).id);
    }

    @Override
    public void release(Mem mem) {
        CL10.clReleaseMemObject(((LMem) mem).id());
    }

    @Override
    public void release(Kernel kernel) {
        CL10.clReleaseKernel(((LKernel) kernel).id());
    }

    @Override
    public void release(Program program) {
        CL10.clReleaseProgram(((LProgram) program).id());
    }

    @Override
    public void release(Queue queue) {
        CL10.clReleaseCommandQueue(((LQueue) queue).id());
    }

    @Override
    public void release(Context context) {
        CL10.clReleaseContext(((LContext) context).id());
    }

    /** One clGet*Info call: the value's buffer (its remaining bytes), or where to put its size. */
    private interface InfoQuery {
        int get(ByteBuffer value, PointerBuffer sizeRet);
    }

    /** The two steps of every info query: ask the size, then the bytes (in native memory: a build log can be long). */
    private static byte[] query(InfoQuery query, int[] err) {
        long size;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer sizeRet = stack.mallocPointer(1);
            err[0] = query.get(null, sizeRet);
            size = sizeRet.get(0);
        }
        if (err[0] != ClCodes.CL_SUCCESS) {
            return new byte[0];
        }
        ByteBuffer value = MemoryUtil.memAlloc((int) Math.max(1, size));
        try {
            value.limit((int) size);
            err[0] = query.get(value, null);
            return bytes(value);
        } finally {
            MemoryUtil.memFree(value);
        }
    }

    private static void fill(Event done, PointerBuffer event, int status) {
        if (done != null && status == ClCodes.CL_SUCCESS) {
            ((LEvent) done).id = event.get(0);
        }
    }

    private static PointerBuffer ids(MemoryStack stack, Event[] events) {
        if (events.length == 0) {
            return null;
        }
        PointerBuffer out = stack.mallocPointer(events.length);
        for (Event e : events) {
            out.put(((LEvent) e).id);
        }
        return out.flip();
    }

    private static byte[] bytes(ByteBuffer value) {
        byte[] out = new byte[value.remaining()];
        value.get(out);
        return out;
    }
}
