package dev.mssn.engine.opencl.binding;

import java.nio.ByteBuffer;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/** {@link ClBinding} over JOCL (org.jocl:jocl), the default. */
public final class JoclBinding implements ClBinding {

    private record JPlatform(cl_platform_id id) implements Platform {}
    private record JDevice(cl_device_id id) implements Device {}
    private record JContext(cl_context id) implements Context {}
    private record JQueue(cl_command_queue id) implements Queue {}
    private record JProgram(cl_program id) implements Program {}
    private record JKernel(cl_kernel id) implements Kernel {}
    private record JMem(cl_mem id) implements Mem {}
    /** JOCL's cl_event is itself the holder a command fills. */
    private record JEvent(cl_event id) implements Event {}

    @Override
    public String name() {
        return "jocl";
    }

    @Override
    public int platforms(List<Platform> out) {
        int[] count = new int[1];
        int status = CL.clGetPlatformIDs(0, null, count);
        if (status != ClCodes.CL_SUCCESS || count[0] == 0) {
            return status;
        }
        cl_platform_id[] ids = new cl_platform_id[count[0]];
        status = CL.clGetPlatformIDs(ids.length, ids, null);
        for (cl_platform_id id : ids) {
            out.add(new JPlatform(id));
        }
        return status;
    }

    @Override
    public int devices(Platform platform, List<Device> out) {
        cl_platform_id p = ((JPlatform) platform).id();
        int[] count = new int[1];
        int status = CL.clGetDeviceIDs(p, ClCodes.CL_DEVICE_TYPE_ALL, 0, null, count);
        if (status != ClCodes.CL_SUCCESS || count[0] == 0) {
            return status;
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        status = CL.clGetDeviceIDs(p, ClCodes.CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        for (cl_device_id id : ids) {
            out.add(new JDevice(id));
        }
        return status;
    }

    @Override
    public byte[] platformInfo(Platform platform, int param, int[] err) {
        cl_platform_id p = ((JPlatform) platform).id();
        return query((size, value, sizeRet) -> CL.clGetPlatformInfo(p, param, size, value, sizeRet), err);
    }

    @Override
    public byte[] deviceInfo(Device device, int param, int[] err) {
        cl_device_id d = ((JDevice) device).id();
        return query((size, value, sizeRet) -> CL.clGetDeviceInfo(d, param, size, value, sizeRet), err);
    }

    @Override
    public Context createContext(Platform platform, Device device, int[] err) {
        cl_context_properties props = new cl_context_properties();
        props.addProperty(ClCodes.CL_CONTEXT_PLATFORM, ((JPlatform) platform).id());
        cl_context c = CL.clCreateContext(props, 1, new cl_device_id[] {((JDevice) device).id()}, null, null, err);
        return new JContext(c);
    }

    @Override
    @SuppressWarnings("deprecation") // clCreateCommandQueue is the OpenCL 1.2 call, present on every driver
    public Queue createQueue(Context context, Device device, boolean profiling, int[] err) {
        long properties = profiling ? ClCodes.CL_QUEUE_PROFILING_ENABLE : 0;
        return new JQueue(CL.clCreateCommandQueue(((JContext) context).id(), ((JDevice) device).id(), properties, err));
    }

    @Override
    public Program createProgram(Context context, String source, int[] err) {
        return new JProgram(CL.clCreateProgramWithSource(((JContext) context).id(), 1, new String[] {source}, null, err));
    }

    @Override
    public int buildProgram(Program program, Device device, String options) {
        return CL.clBuildProgram(((JProgram) program).id(), 1, new cl_device_id[] {((JDevice) device).id()}, options, null, null);
    }

    @Override
    public String buildLog(Program program, Device device) {
        cl_program p = ((JProgram) program).id();
        cl_device_id d = ((JDevice) device).id();
        byte[] log = query((size, value, sizeRet) -> CL.clGetProgramBuildInfo(p, d, ClCodes.CL_PROGRAM_BUILD_LOG, size, value, sizeRet),
                new int[1]);
        return ClInfo.string(log).trim();
    }

    @Override
    public Kernel createKernel(Program program, String name, int[] err) {
        return new JKernel(CL.clCreateKernel(((JProgram) program).id(), name, err));
    }

    @Override
    public Mem createBuffer(Context context, long bytes, int[] err) {
        return new JMem(CL.clCreateBuffer(((JContext) context).id(), ClCodes.CL_MEM_READ_WRITE, bytes, null, err));
    }

    @Override
    public int setArg(Kernel kernel, int index, Mem value) {
        return CL.clSetKernelArg(((JKernel) kernel).id(), index, Sizeof.cl_mem, Pointer.to(((JMem) value).id()));
    }

    @Override
    public int setArg(Kernel kernel, int index, int value) {
        return CL.clSetKernelArg(((JKernel) kernel).id(), index, Sizeof.cl_int, Pointer.to(new int[] {value}));
    }

    @Override
    public int setArg(Kernel kernel, int index, float value) {
        return CL.clSetKernelArg(((JKernel) kernel).id(), index, Sizeof.cl_float, Pointer.to(new float[] {value}));
    }

    @Override
    public int enqueueKernel(Queue queue, Kernel kernel, long[] global, long[] local, Event done) {
        return CL.clEnqueueNDRangeKernel(((JQueue) queue).id(), ((JKernel) kernel).id(), global.length, null, global, local,
                0, null, id(done));
    }

    @Override
    public int writeBlocking(Queue queue, Mem mem, float[] data) {
        return CL.clEnqueueWriteBuffer(((JQueue) queue).id(), ((JMem) mem).id(), true, 0, (long) Sizeof.cl_float * data.length,
                Pointer.to(data), 0, null, null);
    }

    @Override
    public int writeBlocking(Queue queue, Mem mem, byte[] data) {
        return CL.clEnqueueWriteBuffer(((JQueue) queue).id(), ((JMem) mem).id(), true, 0, data.length,
                Pointer.to(data), 0, null, null);
    }

    @Override
    public int readBlocking(Queue queue, Mem mem, float[] out) {
        return CL.clEnqueueReadBuffer(((JQueue) queue).id(), ((JMem) mem).id(), true, 0, (long) Sizeof.cl_float * out.length,
                Pointer.to(out), 0, null, null);
    }

    @Override
    public int readBlocking(Queue queue, Mem mem, byte[] out) {
        return CL.clEnqueueReadBuffer(((JQueue) queue).id(), ((JMem) mem).id(), true, 0, out.length,
                Pointer.to(out), 0, null, null);
    }

    @Override
    public int write(Queue queue, Mem mem, ByteBuffer host, Event[] waitFor, Event done) {
        return CL.clEnqueueWriteBuffer(((JQueue) queue).id(), ((JMem) mem).id(), false, 0, host.remaining(),
                Pointer.toBuffer(host), waitFor.length, ids(waitFor), id(done));
    }

    @Override
    public int read(Queue queue, Mem mem, ByteBuffer host, Event[] waitFor, Event done) {
        return CL.clEnqueueReadBuffer(((JQueue) queue).id(), ((JMem) mem).id(), false, 0, host.remaining(),
                Pointer.toBuffer(host), waitFor.length, ids(waitFor), id(done));
    }

    @Override
    public int barrier(Queue queue, Event[] waitFor) {
        return CL.clEnqueueBarrierWithWaitList(((JQueue) queue).id(), waitFor.length, ids(waitFor), null);
    }

    @Override
    public int marker(Queue queue, Event done) {
        return CL.clEnqueueMarkerWithWaitList(((JQueue) queue).id(), 0, null, id(done));
    }

    @Override
    public int flush(Queue queue) {
        return CL.clFlush(((JQueue) queue).id());
    }

    @Override
    public int finish(Queue queue) {
        return CL.clFinish(((JQueue) queue).id());
    }

    @Override
    public int waitFor(Event event) {
        return CL.clWaitForEvents(1, new cl_event[] {id(event)});
    }

    @Override
    public long profilingInfo(Event event, int param, int[] err) {
        long[] value = new long[1];
        err[0] = CL.clGetEventProfilingInfo(id(event), param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    @Override
    public Event newEvent() {
        return new JEvent(new cl_event());
    }

    @Override
    public void retain(Event event) {
        CL.clRetainEvent(id(event));
    }

    @Override
    public void release(Event event) {
        CL.clReleaseEvent(id(event));
    }

    @Override
    public void release(Mem mem) {
        CL.clReleaseMemObject(((JMem) mem).id());
    }

    @Override
    public void release(Kernel kernel) {
        CL.clReleaseKernel(((JKernel) kernel).id());
    }

    @Override
    public void release(Program program) {
        CL.clReleaseProgram(((JProgram) program).id());
    }

    @Override
    public void release(Queue queue) {
        CL.clReleaseCommandQueue(((JQueue) queue).id());
    }

    @Override
    public void release(Context context) {
        CL.clReleaseContext(((JContext) context).id());
    }

    /** One clGet*Info call: the value's size and where to put it, or where to put its size. */
    private interface InfoQuery {
        int get(long size, Pointer value, long[] sizeRet);
    }

    /** The two steps of every info query: ask the size, then the bytes. */
    private static byte[] query(InfoQuery query, int[] err) {
        long[] size = new long[1];
        err[0] = query.get(0, null, size);
        if (err[0] != ClCodes.CL_SUCCESS) {
            return new byte[0];
        }
        byte[] value = new byte[(int) size[0]];
        err[0] = query.get(value.length, Pointer.to(value), null);
        return value;
    }

    private static cl_event id(Event event) {
        return event == null ? null : ((JEvent) event).id();
    }

    private static cl_event[] ids(Event[] events) {
        if (events.length == 0) {
            return null;
        }
        cl_event[] out = new cl_event[events.length];
        for (int i = 0; i < events.length; i++) {
            out[i] = id(events[i]);
        }
        return out;
    }
}
