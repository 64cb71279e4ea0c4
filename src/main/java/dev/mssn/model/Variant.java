package dev.mssn.model;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The MSSN variants as released: feature width C, hidden width H and number of cascading blocks. */
public enum Variant {
    MSSN_S("MSSN-S", 32, 64, 4, List.of(2, 3)),
    MSSN_M("MSSN-M", 64, 128, 4, List.of(2, 3, 4)),
    MSSN("MSSN", 64, 256, 6, List.of(2, 3, 4));

    /** Every cascading block holds this many mobile adaptive weighted residual units. */
    public static final int UNITS_PER_BLOCK = 4;

    private final String displayName;
    private final int channels;
    private final int hidden;
    private final int blocks;
    private final List<Integer> scales;

    Variant(String displayName, int channels, int hidden, int blocks, List<Integer> scales) {
        this.displayName = displayName;
        this.channels = channels;
        this.hidden = hidden;
        this.blocks = blocks;
        this.scales = scales;
    }

    public String displayName() { return displayName; }
    public int channels() { return channels; }
    public int hidden() { return hidden; }
    public int blocks() { return blocks; }
    /** Scales the architecture is defined for. */
    public List<Integer> scales() { return scales; }

    /** Looks a variant up by its display name ("MSSN-M"), case-insensitively and exactly. */
    public static Variant fromName(String name) {
        for (Variant v : values()) {
            if (v.displayName.equalsIgnoreCase(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown MSSN variant '" + name + "'; known: "
                + Arrays.stream(values()).map(Variant::displayName).collect(Collectors.joining(", ")));
    }
}
