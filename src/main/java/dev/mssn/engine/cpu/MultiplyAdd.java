package dev.mssn.engine.cpu;

import java.lang.management.ManagementFactory;

/**
 * Multiply-add as this processor does it fastest: fused (one rounding) where the hardware has
 * FMA, a multiply then an add (two roundings) where it does not. Without the instruction,
 * {@link Math#fma} and {@code FloatVector.fma} fall back to an exact software emulation that is
 * orders of magnitude slower (the 192x128 sample took over ten minutes); the unfused results
 * stay within one 8-bit level of the reference, which also multiplies then adds.
 */
final class MultiplyAdd {

    /** Whether the kernels fuse: the JVM's own answer ({@code -XX:UseFMA}), unless {@code mssn.cpu.fma} says otherwise. */
    static final boolean FUSED = hardwareFma();

    private MultiplyAdd() {}

    /** {@code a * b + c}, fused where the hardware fuses. */
    static float madd(float a, float b, float c) {
        return FUSED ? Math.fma(a, b, c) : a * b + c;
    }

    /** How the kernels multiply-add, for their descriptions; empty when they fuse, as on nearly every processor. */
    static String note() {
        return FUSED ? "" : ", no FMA: multiply then add";
    }

    /**
     * HotSpot's UseFMA flag, which it sets from the processor's features. Another JVM gets the
     * answer nearly every processor since 2013 (x86 with AVX2, every 64-bit ARM) deserves: yes.
     * {@code -Dmssn.cpu.fma=false} forces the unfused kernels (to test them on any machine).
     */
    private static boolean hardwareFma() {
        String forced = System.getProperty("mssn.cpu.fma");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            com.sun.management.HotSpotDiagnosticMXBean hotSpot =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotSpot == null || Boolean.parseBoolean(hotSpot.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            return true;
        }
    }
}
