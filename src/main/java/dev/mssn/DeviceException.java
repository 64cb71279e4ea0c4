package dev.mssn;

import dev.mssn.engine.DeviceFailure;
import java.util.Optional;

/**
 * A device could not be used: it was not found ({@link NoSuchDeviceException}) or a call to it
 * (OpenCL) failed, in which case the message names the call, its arguments, the status and the
 * device. Out-of-memory failures are first retried with smaller tiles; this is thrown when that
 * did not help or the failure was of another kind.
 */
public class DeviceException extends SuperResolutionException {

    private final DeviceFailure failure;

    DeviceException(DeviceFailure failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    DeviceException(String message, Throwable cause) {
        super(message, cause);
        this.failure = cause instanceof DeviceFailure f ? f : null;
    }

    /** The driver's status name, e.g. "CL_MEM_OBJECT_ALLOCATION_FAILURE", where a device call failed. */
    public Optional<String> status() {
        return Optional.ofNullable(failure).map(DeviceFailure::status);
    }

    /** Whether the device ran out of memory even with the smallest tiles. */
    public boolean isOutOfMemory() {
        return failure != null && failure.isOutOfMemory();
    }
}
