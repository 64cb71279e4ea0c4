package dev.mssn;

/**
 * A device an instance can run on, as {@link GpuSuperResolver#availableDevices()} lists it.
 *
 * @param spec what {@link GpuSuperResolver.Builder#optDevice(String)} takes to pick it: "cpu" or "opencl:N"
 * @param description what it is, for people: "opencl:0 NVIDIA H200 (NVIDIA CUDA, driver 580.1)"
 * @param gpu whether it is a GPU (or another accelerator) rather than a processor
 */
public record AvailableDevice(String spec, String description, boolean gpu) {}
