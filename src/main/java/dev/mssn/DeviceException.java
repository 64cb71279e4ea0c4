package dev.mssn;

import dev.mssn.engine.DeviceFailure;

/**
 * A call to the device (OpenCL) failed: the message names the call, its arguments, the status
 * and the device. Out-of-memory failures are first retried with smaller tiles; this is thrown
 * when that did not help or the failure was of another kind.
 */
public class DeviceException extends RuntimeException {

    private final String status;

    DeviceException(DeviceFailure failure) {
        super(failure.getMessage(), failure);
        this.status = failure.status();
    }

    /** The driver's status name, e.g. "CL_MEM_OBJECT_ALLOCATION_FAILURE". */
    public String status() {
        return status;
    }

    /** Whether the device ran out of memory even with the smallest tiles. */
    public boolean isOutOfMemory() {
        return ((DeviceFailure) getCause()).isOutOfMemory();
    }
}
