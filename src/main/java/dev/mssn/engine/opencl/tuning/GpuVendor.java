package dev.mssn.engine.opencl.tuning;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The GPU families the tuning database ships entries for, recognised by the vendor string each
 * driver reports: the vendors' own drivers spell it out ({@code NVIDIA Corporation},
 * {@code Advanced Micro Devices, Inc.}, {@code Intel(R) Corporation}, {@code ARM}), Mesa's
 * rusticl gives the short name its Gallium driver reports ({@code AMD} for radeonsi, {@code Intel}
 * for iris, {@code Arm} for Panfrost, {@code NVIDIA} for nouveau). Whole words only: CPU drivers
 * report {@code AuthenticAMD} and {@code GenuineIntel}, which are no GPU family (and the family
 * key is looked up for GPUs alone).
 */
public enum GpuVendor {
    NVIDIA("NVIDIA", "\\bnvidia\\b"),
    AMD("AMD", "\\bamd\\b|\\badvanced micro devices\\b"),
    INTEL("Intel", "\\bintel\\b"),
    ARM("ARM", "\\barm\\b");

    private final String key;
    private final Pattern vendor;

    GpuVendor(String key, String vendorPattern) {
        this.key = key;
        this.vendor = Pattern.compile(vendorPattern, Pattern.CASE_INSENSITIVE);
    }

    /** The tuning database key of this family's entry. */
    public String tuningKey() {
        return "vendor:" + key;
    }

    /** The family a driver's vendor string names, if any. */
    public static Optional<GpuVendor> of(String vendorString) {
        for (GpuVendor v : values()) {
            if (v.vendor.matcher(vendorString).find()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
