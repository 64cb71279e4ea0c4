package dev.mssn.engine.opencl.runtime;

import dev.mssn.engine.DeviceFailure;
import dev.mssn.engine.opencl.binding.ClCodes;

/** Checks OpenCL status codes in one place; failures name the call and the device. */
public final class ClStatus {

    private ClStatus() {}

    public static void check(int code, String call, String device) {
        if (code != ClCodes.CL_SUCCESS) {
            String name = ClCodes.errorName(code);
            throw new DeviceFailure(call + ": " + name + " on " + device, name);
        }
    }
}
