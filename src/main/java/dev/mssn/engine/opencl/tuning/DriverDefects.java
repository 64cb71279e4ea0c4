package dev.mssn.engine.opencl.tuning;

import dev.mssn.engine.opencl.ops.FastKernel;
import dev.mssn.engine.opencl.ops.LaunchParams;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Launch parameters an OpenCL implementation is known to run wrongly: their output differs from
 * the exact kernels' although every other implementation (and Oclgrind, which checks each memory
 * access) agrees. The tuner never tries them on such a device, and a tuning entry that selects
 * one is passed over there. Each defect names an example that still reproduces it, which the
 * OpenCL tests run wherever the defect applies: when a driver is fixed, that test fails and the
 * defect can go.
 */
public final class DriverDefects {

    /**
     * One defect: on platforms whose name matches {@code platform}, {@code kernel} with parameters
     * that {@code affected} accepts gives wrong output; {@code example} reproduces it on the
     * convolution shapes of MSSN-M at an 11x11 tile.
     */
    public record Defect(String platform, FastKernel kernel, Predicate<LaunchParams> affected, LaunchParams example,
                         String description) {

        public boolean appliesTo(DeviceInfo device) {
            return device.platformName().trim().equalsIgnoreCase(platform);
        }
    }

    private static final List<Defect> KNOWN = List.of(
            new Defect("rusticl", FastKernel.POINTWISE, p -> p.vw() == 16 && p.blocks() == 0,
                    new LaunchParams(16, 8, 0, 1),
                    "Mesa's rusticl (22.3.6, llvmpipe) leaves outputs unwritten with 16 pixels per item and every output"
                            + " channel in one item when a plane is not a multiple of 16 pixels (MSSN-M's 64->128 expansion)"),
            new Defect("rusticl", FastKernel.EXPAND_DEPTHWISE,
                    p -> p.vw() * p.perItem() >= 128 || p.vw() * p.perItem() >= 64 && p.blocks() >= 16,
                    new LaunchParams(16, 16, 16, 1),
                    "Mesa's rusticl (22.3.6, llvmpipe) leaves outputs unwritten when the fused kernel's register tile"
                            + " holds 128 values or more (16x8, 8x16, 16x16 pixels x channels), or 64 in strips of 16 rows"
                            + " (seen on 11x11 to 64x64 tiles)"));

    private DriverDefects() {}

    /** The defects that apply to {@code device}. */
    public static List<Defect> of(DeviceInfo device) {
        return KNOWN.stream().filter(d -> d.appliesTo(device)).toList();
    }

    /** The defect that makes {@code params} of {@code kernel} unusable on {@code device}, if any. */
    public static Optional<Defect> excluding(DeviceInfo device, FastKernel kernel, LaunchParams params) {
        if (params == null) {
            return Optional.empty();
        }
        return KNOWN.stream().filter(d -> d.kernel() == kernel && d.appliesTo(device) && d.affected().test(params)).findFirst();
    }

    /** The defect that makes one of {@code entry}'s choices unusable on {@code device}, if any. */
    public static Optional<Defect> excluding(DeviceInfo device, TuningEntry entry) {
        for (FastKernel k : FastKernel.values()) {
            Optional<Defect> d = excluding(device, k, entry.params(k));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }
}
