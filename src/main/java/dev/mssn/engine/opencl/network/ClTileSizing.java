package dev.mssn.engine.opencl.network;

import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.Storage;
import dev.mssn.model.ModelSpec;

/** Picks the automatic tile side from what a device can hold. */
final class ClTileSizing {

    static final int MAX_SIDE = 512;
    static final int MIN_SIDE = 32;

    private ClTileSizing() {}

    /**
     * The largest side, in steps of 32 up to {@value #MAX_SIDE}, whose activations (halo
     * included) take at most a quarter of the device's memory and whose largest buffer fits the
     * device's allocation limit. A quarter leaves room for other programs, the driver and a
     * display; beyond 512 pixels tiles only add memory, not speed. Input and output are
     * counted at 16 bits a sample, so that one side suits images of either depth.
     */
    static int choose(ModelSpec spec, Storage precision, long globalMemBytes, long maxAllocBytes) {
        long budget = globalMemBytes / 4;
        for (int side = MAX_SIDE; side > MIN_SIDE; side -= 32) {
            int withHalo = side + 2 * spec.receptiveRadius();
            ActivationFootprint bytes = ActivationFootprint.of(spec, precision, SampleDepth.BITS_16, withHalo, withHalo);
            if (bytes.totalWithTwoSlots() <= budget && bytes.largest() <= maxAllocBytes) {
                return side;
            }
        }
        return MIN_SIDE;
    }
}
