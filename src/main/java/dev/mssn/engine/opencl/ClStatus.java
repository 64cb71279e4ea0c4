package dev.mssn.engine.opencl;

import dev.mssn.engine.DeviceException;
import org.jocl.CL;

/** Checks OpenCL status codes in one place; failures name the call and the device. */
public final class ClStatus {

    private ClStatus() {}

    public static void check(int code, String call, String device) {
        if (code != CL.CL_SUCCESS) {
            String name = CL.stringFor_errorCode(code);
            throw new DeviceException(call + ": " + name + " on " + device, name);
        }
    }
}
