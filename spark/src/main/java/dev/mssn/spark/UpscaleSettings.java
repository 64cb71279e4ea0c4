package dev.mssn.spark;

import dev.mssn.Precision;
import java.io.Serializable;

/**
 * The builder options every executor builds its resolver from; shipped to the executors with
 * the tasks, hence serialisable.
 *
 * @param device the device when Spark assigns no GPU to the task ("auto", "cpu", "opencl:N", a name fragment)
 * @param maxInputPixels larger inputs are refused from their header (an error row)
 */
public record UpscaleSettings(String model, int scale, String device, Precision precision, long maxInputPixels)
        implements Serializable {

    /**
     * The device a task runs on: the GPU Spark gave it, if any, else {@link #device()}. Spark's
     * address is the device spec our discovery script printed ("opencl:1"); a bare index from
     * another discovery script ("1") is a spec too, the N-th OpenCL device.
     */
    String deviceFor(String[] assignedGpus) {
        return assignedGpus == null || assignedGpus.length == 0 ? device : assignedGpus[0];
    }
}
