package dev.mssn.spark;

import dev.mssn.AvailableDevice;
import dev.mssn.GpuSuperResolver;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spark's GPU discovery script for executors (spark.executor.resource.gpu.discoveryScript):
 * prints this machine's GPUs as Spark's resource JSON, each addressed by the device spec the
 * library takes for it ({@link GpuSuperResolver#availableDevices()}), which a task then runs on.
 * {@code {"name":"gpu","addresses":["opencl:0","opencl:2"]}}
 */
public final class GpuDiscovery {

    private GpuDiscovery() {}

    public static void main(String[] args) {
        // Spark parses all of standard output as the answer: whatever the library or a logging
        // backend prints while the devices are enumerated goes to standard error instead
        PrintStream answer = System.out;
        System.setOut(System.err);
        answer.println(json(GpuSuperResolver.availableDevices()));
        answer.flush();
    }

    static String json(List<AvailableDevice> devices) {
        String addresses = devices.stream().filter(AvailableDevice::gpu)
                .map(d -> '"' + d.spec() + '"').collect(Collectors.joining(","));
        return "{\"name\":\"gpu\",\"addresses\":[" + addresses + "]}";
    }
}
