package dev.mssn.spark;

import dev.mssn.AvailableDevice;
import dev.mssn.GpuSuperResolver;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spark's GPU discovery script for executors (spark.executor.resource.gpu.discoveryScript):
 * prints the OpenCL GPUs of this machine as Spark's resource JSON, addressed by their index in
 * {@code mssn devices}, the N a task's {@code opencl:N} device takes.
 * {@code {"name":"gpu","addresses":["0","2"]}}
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
                .map(d -> '"' + d.spec().substring("opencl:".length()) + '"').collect(Collectors.joining(","));
        return "{\"name\":\"gpu\",\"addresses\":[" + addresses + "]}";
    }
}
