package dev.mssn.engine;

import java.util.List;
import java.util.Set;

/**
 * A kind of place networks run, found through {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.mssn.engine.BackendProvider}). {@link Backends} asks every provider
 * for its devices and opens the one a device spec names; nothing else names an implementation.
 */
public interface BackendProvider {

    /** The family name, which is also the first word of its device ids: "cpu", "reference", "opencl". */
    String name();

    /** Other specs that mean this provider's default device (the CPU path also answers to "java"). */
    default Set<String> aliases() {
        return Set.of();
    }

    /**
     * Whether specs that no provider's name or alias matches (a fragment of a device's name, a bare
     * device number) are this provider's to resolve.
     */
    default boolean resolvesNameFragments() {
        return false;
    }

    /** Whether {@code GpuSuperResolver.availableDevices()} lists its devices (the reference, a checking tool, is not). */
    default boolean listed() {
        return true;
    }

    /** Refuses settings this provider cannot honour (an OpenCL binding asked for by name and missing), whatever device is asked for. */
    default void check(Settings settings) {}

    /**
     * The devices it can open now, in the order its own listings use; empty (never an
     * exception) when its runtime or driver is missing, with {@link Offers#problem()} saying why.
     */
    Offers devices(Settings settings);

    /**
     * Opens the device {@code spec} names: its name, an alias, {@code name:N}, or for a provider
     * that resolves them a name fragment. Throws {@link IllegalArgumentException} saying why when
     * there is no such device.
     *
     * @param spec trimmed and in lower case
     */
    Backend open(String spec, Settings settings);

    /**
     * One device on offer.
     *
     * @param id what a device spec names it by: "cpu", "opencl:0"
     * @param description for people and logs
     * @param accelerator a GPU or another accelerator, not a processor
     * @param rank how {@code auto} orders it against every other device: highest wins (the
     *     earlier offer on a tie). The constants below are the bands; a provider with several
     *     devices in one band adds less than {@link #BAND} to order them.
     */
    record Offer(String id, String description, boolean accelerator, int rank) {

        /** The width of a band. */
        public static final int BAND = 1000;
        /** An accelerator: what {@code auto} prefers above all. */
        public static final int ACCELERATOR = 3 * BAND;
        /** The fast CPU path. */
        public static final int CPU_PATH = 2 * BAND;
        /** A processor behind another runtime (OpenCL on the CPU), slower than the CPU path on the same cores. */
        public static final int PROCESSOR = BAND;
        /** Never chosen automatically. */
        public static final int NEVER = 0;
    }

    /** A provider's devices, or none and why. */
    record Offers(List<Offer> devices, String problem) {

        public static Offers of(List<Offer> devices) {
            return new Offers(List.copyOf(devices), null);
        }

        public static Offers none(String problem) {
            return new Offers(List.of(), problem);
        }
    }

    /**
     * What the application chose that a provider may read.
     *
     * @param openClBinding "jocl", "lwjgl" or "auto"; null: as the system property says
     */
    record Settings(String openClBinding) {

        public static final Settings DEFAULT = new Settings(null);
    }
}
