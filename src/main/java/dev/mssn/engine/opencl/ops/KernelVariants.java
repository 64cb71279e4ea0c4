package dev.mssn.engine.opencl.ops;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Prints every build of every declared design that its search space can produce, one per line as
 * {@code FILE<TAB>DEFINES}, for {@code .ci/check-kernels.sh} to compile with a second compiler:
 * a design's variants are checked by being declared.
 */
public final class KernelVariants {

    private KernelVariants() {}

    /** The distinct builds of {@code kernel} over its candidates on a device with work groups of up to 1024 and any local memory. */
    static Set<String> of(FastKernel kernel) {
        Set<String> out = new LinkedHashSet<>();
        for (LaunchParams p : kernel.candidates(1024, Long.MAX_VALUE)) {
            out.add(kernel.source().file() + "\t" + kernel.defines(p));
        }
        return out;
    }

    public static void main(String[] args) {
        for (FastKernel k : FastKernel.values()) {
            of(k).forEach(System.out::println);
        }
    }
}
