package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prints the build of every design each shipped entry a GPU can be given selects (the default,
 * the GPU type and the {@link GpuVendor} families' entries), one per line as
 * {@code FILE<TAB>DEFINES<TAB>ENTRY<TAB>DESIGN}, for {@code bench/gpu-report.py}: the static GPU
 * report holds these builds to its limits (no scratch), whatever else the search spaces contain.
 * Entries for CPUs are left out: their 16-pixel vectors are meant for CPU registers.
 */
public final class ShippedVariants {

    private ShippedVariants() {}

    static List<String> lines() {
        List<String> out = new ArrayList<>();
        Set<String> gpuKeys = new HashSet<>(List.of("default", "type:GPU", "type:ACCELERATOR"));
        for (GpuVendor v : GpuVendor.values()) {
            gpuKeys.add(v.tuningKey());
        }
        for (TuningEntry entry : TuningDatabase.bundled()) {
            if (!gpuKeys.contains(entry.key())) {
                continue;
            }
            for (FastKernel k : FastKernel.values()) {
                LaunchParams p = entry.params(k);
                if (p != null) {
                    out.add(k.source().file() + "\t" + k.defines(p) + "\t" + entry.key() + "\t" + k.key());
                }
            }
        }
        return out;
    }

    public static void main(String[] args) {
        lines().forEach(System.out::println);
    }
}
