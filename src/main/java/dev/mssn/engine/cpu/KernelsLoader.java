package dev.mssn.engine.cpu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the {@link Kernels} implementation the way Apache Lucene loads its Panama provider:
 * the vectorised one only when the JVM was started with {@code --add-modules
 * jdk.incubator.vector} and offers vectors of at least four floats; otherwise the scalar one,
 * so the library runs either way.
 */
final class KernelsLoader {

    private static final Logger log = LoggerFactory.getLogger(KernelsLoader.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNELS = "dev.mssn.engine.cpu.VectorKernels";

    private KernelsLoader() {}

    /** The fastest implementation this JVM can run; {@code allowVector = false} forces the scalar one. */
    static Kernels load(boolean allowVector) {
        if (!MultiplyAdd.FUSED) {
            log.info("this processor has no fused multiply-add (or -Dmssn.cpu.fma=false): the CPU kernels multiply, then add");
        }
        if (!allowVector) {
            return new ScalarKernels();
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            log.info("the fast CPU path runs scalar: start the JVM with --add-modules {} for the vectorised one", VECTOR_MODULE);
            return new ScalarKernels();
        }
        try {
            Kernels vector = (Kernels) Class.forName(VECTOR_KERNELS).getDeclaredConstructor().newInstance();
            if (vector.lanes() < 4) {
                log.info("the fast CPU path runs scalar: this machine's vectors hold {} floats", vector.lanes());
                return new ScalarKernels();
            }
            return vector;
        } catch (ReflectiveOperationException | LinkageError e) {
            log.warn("the vectorised CPU kernels could not be loaded ({}); running scalar", e.toString());
            return new ScalarKernels();
        }
    }
}
