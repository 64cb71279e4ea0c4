package dev.mssn.engine.opencl.binding;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The OpenCL 1.2 calls the engine makes, and nothing more: the one seam between the engine and
 * a Java binding of the OpenCL library ({@link JoclBinding}, {@link LwjglBinding}). It keeps
 * the C API's shape, so that the engine reads like OpenCL: calls return a status code (or
 * report it in {@code err[0]} when they return a handle), and commands that signal completion
 * fill an {@link Event} the caller made with {@link #newEvent()} (null: no event wanted).
 * Status codes and parameter names are the OpenCL values ({@link ClCodes}).
 */
public interface ClBinding {

    /** Opaque handles; each binding has its own implementations. */
    interface Platform {}
    interface Device {}
    interface Context {}
    interface Queue {}
    interface Program {}
    interface Kernel {}
    interface Mem {}
    interface Event {}

    /** The binding's name as {@code mssn.opencl.binding} and the builder take it: jocl or lwjgl. */
    String name();

    int platforms(List<Platform> out);

    /** Every device of the platform (CL_DEVICE_TYPE_ALL); a platform without devices reports CL_DEVICE_NOT_FOUND. */
    int devices(Platform platform, List<Device> out);

    /** The raw bytes of a platform or device query. */
    byte[] platformInfo(Platform platform, int param, int[] err);
    byte[] deviceInfo(Device device, int param, int[] err);

    Context createContext(Platform platform, Device device, int[] err);

    /** An in-order queue, with profiling enabled when asked (clCreateCommandQueue: OpenCL 1.2). */
    Queue createQueue(Context context, Device device, boolean profiling, int[] err);

    Program createProgram(Context context, String source, int[] err);
    int buildProgram(Program program, Device device, String options);
    String buildLog(Program program, Device device);
    Kernel createKernel(Program program, String name, int[] err);

    /** A CL_MEM_READ_WRITE buffer. */
    Mem createBuffer(Context context, long bytes, int[] err);

    int setArg(Kernel kernel, int index, Mem value);
    int setArg(Kernel kernel, int index, int value);
    int setArg(Kernel kernel, int index, float value);

    /** @param local the work-group size, or null to leave it to the driver */
    int enqueueKernel(Queue queue, Kernel kernel, long[] global, long[] local, Event done);

    /** Blocking transfers between a Java array and the start of a buffer. */
    int writeBlocking(Queue queue, Mem mem, float[] data);
    int writeBlocking(Queue queue, Mem mem, byte[] data);
    int readBlocking(Queue queue, Mem mem, float[] out);
    int readBlocking(Queue queue, Mem mem, byte[] out);

    /**
     * Non-blocking transfers of {@code host}'s remaining bytes (a direct buffer, which stays put
     * until {@code done} completes), after the events in {@code waitFor} (may be empty).
     */
    int write(Queue queue, Mem mem, ByteBuffer host, Event[] waitFor, Event done);
    int read(Queue queue, Mem mem, ByteBuffer host, Event[] waitFor, Event done);

    /** Commands after the barrier wait for {@code waitFor}. */
    int barrier(Queue queue, Event[] waitFor);

    /** An event that completes when every command enqueued before it has. */
    int marker(Queue queue, Event done);

    int flush(Queue queue);
    int finish(Queue queue);
    int waitFor(Event event);

    /** A CL_PROFILING_COMMAND_* time stamp in nanoseconds. */
    long profilingInfo(Event event, int param, int[] err);

    /** An empty event for a command to fill. */
    Event newEvent();

    void retain(Event event);
    void release(Event event);
    void release(Mem mem);
    void release(Kernel kernel);
    void release(Program program);
    void release(Queue queue);
    void release(Context context);
}
