package dev.mssn.engine;

/** An accelerator call failed: the message names the call, its arguments, the status and the device. */
public class DeviceFailure extends RuntimeException {

    private final String status;

    public DeviceFailure(String message, String status) {
        super(message);
        this.status = status;
    }

    /** The driver's status name, e.g. "CL_MEM_OBJECT_ALLOCATION_FAILURE". */
    public String status() {
        return status;
    }

    /** Whether the device ran out of memory (the caller may retry with smaller tiles). */
    public boolean isOutOfMemory() {
        return "CL_MEM_OBJECT_ALLOCATION_FAILURE".equals(status) || "CL_OUT_OF_RESOURCES".equals(status)
                || "CL_OUT_OF_HOST_MEMORY".equals(status) || "CL_INVALID_BUFFER_SIZE".equals(status);
    }
}
