package dev.mssn.engine.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as enumerated: what it is and how to reach it. {@code littleEndian}: the
 * byte order 16-bit samples are handed over in.
 */
public record DeviceInfo(int index, String platformName, String name, String vendor, String driverVersion,
                         Kind kind, long globalMemBytes, long maxAllocBytes, int computeUnits, boolean littleEndian,
                         cl_platform_id platform, cl_device_id device) {

    /** Ranked for {@code auto}: lower ordinal wins. */
    public enum Kind { DISCRETE_GPU, INTEGRATED_GPU, ACCELERATOR, CPU, OTHER }

    public String describe() {
        return "opencl:" + index + " " + name.trim() + " (" + platformName.trim() + ", driver " + driverVersion.trim() + ")";
    }
}
