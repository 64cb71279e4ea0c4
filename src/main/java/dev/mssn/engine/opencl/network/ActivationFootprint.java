package dev.mssn.engine.opencl.network;

import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.Storage;
import dev.mssn.model.ModelSpec;
import java.util.stream.LongStream;

/**
 * The bytes of each device buffer one w x h tile needs: the one table that both allocation
 * ({@link ClNetwork}) and tile sizing ({@link ClTileSizing}) read. {@code rgbIn} and
 * {@code rgbOut} (8- or 16-bit samples) exist once per tile slot; the float activations once.
 *
 * @param rgbIn the tile's input samples
 * @param x the normalised input
 * @param skip the 5x5 skip convolution's output
 * @param x0 the head's output, which every block reads again
 * @param h the features between blocks
 * @param y the features the units update in place
 * @param t1 the expanded (hidden-wide) tensor, absent on the device when expansion and depthwise run fused
 * @param t2 the depthwise output
 * @param tail the tail convolution's output
 * @param rgbOut the upscaled tile's samples
 */
record ActivationFootprint(long rgbIn, long x, long skip, long x0, long h, long y, long t1, long t2, long tail, long rgbOut) {

    static ActivationFootprint of(ModelSpec spec, Storage precision, SampleDepth depth, int w, int h) {
        long plane = (long) w * h;
        long f = precision.bytes();
        long sample = depth.bytes();
        long features = plane * spec.channels() * f;
        long hidden = plane * spec.hidden() * f;
        long shuffled = plane * spec.shuffleChannels() * f;
        return new ActivationFootprint(plane * 3 * sample, plane * 3 * f, shuffled, features, features, features, hidden, hidden,
                shuffled, plane * spec.scale() * spec.scale() * 3 * sample);
    }

    private LongStream all() {
        return LongStream.of(rgbIn, x, skip, x0, h, y, t1, t2, tail, rgbOut);
    }

    /** Every buffer of a network with two tile slots (the second slot's input and output counted again). */
    long totalWithTwoSlots() {
        return all().sum() + rgbIn + rgbOut;
    }

    /** The largest single buffer, which must fit the device's allocation limit. */
    long largest() {
        return all().max().getAsLong();
    }
}
