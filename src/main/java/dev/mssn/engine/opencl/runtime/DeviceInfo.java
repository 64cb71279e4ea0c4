package dev.mssn.engine.opencl.runtime;

import dev.mssn.engine.opencl.binding.ClBinding;

/**
 * One OpenCL device as enumerated: what it is and how to reach it (through which binding).
 * {@code littleEndian}: the byte order 16-bit samples are handed over in.
 */
public record DeviceInfo(int index, String platformName, String name, String vendor, String driverVersion,
                         Kind kind, long globalMemBytes, long maxAllocBytes, int computeUnits, boolean littleEndian,
                         ClBinding binding, ClBinding.Platform platform, ClBinding.Device device) {

    /** Ranked for {@code auto}: lower ordinal wins. */
    public enum Kind { DISCRETE_GPU, INTEGRATED_GPU, ACCELERATOR, CPU, OTHER }

    public String describe() {
        return "opencl:" + index + " " + name.trim() + " (" + platformName.trim() + ", driver " + driverVersion.trim() + ")";
    }
}
