package dev.mssn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mssn.model.ModelSpec;
import dev.mssn.model.Variant;
import dev.mssn.testutil.SeededRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eight passes against an independent construction of the dihedral group (rotations by
 * quarter turns, with and without a mirror), on networks that are and are not symmetric.
 */
class SelfEnsembleTest {

    private static final ModelSpec SPEC = ModelSpec.of(Variant.MSSN_S, 2);

    /** Nearest-neighbour x2: commutes with every flip and transpose, so the ensemble must change nothing. */
    private static final class NearestNeighbour implements Network {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public RgbImage upscale(RgbImage lr) {
            calls.incrementAndGet();
            RgbImage out = RgbImage.blank(lr.width() * 2, lr.height() * 2, lr.depth());
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        out.depth().set(out.rgb(), (y * out.width() + x) * 3 + c, lr.get(x / 2, y / 2, c));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    /** Not symmetric: each output sample mixes its source with the pixel to the source's right and a position term. */
    private static final class Lopsided implements Network {
        @Override
        public ModelSpec spec() {
            return SPEC;
        }

        @Override
        public RgbImage upscale(RgbImage lr) {
            RgbImage out = RgbImage.blank(lr.width() * 2, lr.height() * 2, lr.depth());
            int max = lr.depth().max();
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        int right = lr.get(Math.min(x / 2 + 1, lr.width() - 1), y / 2, c);
                        int v = (3 * lr.get(x / 2, y / 2, c) + right) / 4 + (x % 2) * max / 64 + (y % 2) * max / 128;
                        out.depth().set(out.rgb(), (y * out.width() + x) * 3 + c, Math.min(max, v));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    private static RgbImage random(int w, int h, SampleDepth depth, long seed) {
        return new RgbImage(w, h, new SeededRandom(seed).bytes(w * h * 3 * depth.bytes()), depth);
    }

    /** A quarter turn clockwise. */
    private static RgbImage rotate(RgbImage img) {
        RgbImage out = RgbImage.blank(img.height(), img.width(), img.depth());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    out.depth().set(out.rgb(), (x * out.width() + (img.height() - 1 - y)) * 3 + c, img.get(x, y, c));
                }
            }
        }
        return out;
    }

    private static RgbImage mirror(RgbImage img) {
        RgbImage out = RgbImage.blank(img.width(), img.height(), img.depth());
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    out.depth().set(out.rgb(), (y * img.width() + img.width() - 1 - x) * 3 + c, img.get(x, y, c));
                }
            }
        }
        return out;
    }

    /** The ensemble built another way: r quarter turns (and a mirror), upscaled at 16 bits, turned back, averaged in double. */
    private static RgbImage reference(Network net, RgbImage lr) {
        RgbImage wide = lr.depth() == SampleDepth.BITS_16 ? lr : SelfEnsemble.widen(lr);
        double[] sum = null;
        for (int mirrored = 0; mirrored < 2; mirrored++) {
            for (int turns = 0; turns < 4; turns++) {
                RgbImage t = mirrored == 1 ? mirror(wide) : wide;
                for (int r = 0; r < turns; r++) {
                    t = rotate(t);
                }
                RgbImage back = net.upscale(t);
                for (int r = turns; r % 4 != 0; r++) {
                    back = rotate(back);
                }
                if (mirrored == 1) {
                    back = mirror(back);
                }
                if (sum == null) {
                    sum = new double[back.width() * back.height() * 3];
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += back.depth().get(back.rgb(), i);
                }
            }
        }
        RgbImage out = RgbImage.blank(lr.width() * 2, lr.height() * 2, lr.depth());
        double divisor = lr.depth() == SampleDepth.BITS_16 ? 8 : 8 * 257;
        for (int i = 0; i < sum.length; i++) {
            out.depth().set(out.rgb(), i, (int) Math.floor(sum[i] / divisor + 0.5));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"5,3,BITS_8", "1,1,BITS_8", "4,7,BITS_16", "6,6,BITS_8"})
    void aSymmetricNetworkComesOutUnchangedInEightPasses(int w, int h, SampleDepth depth) {
        NearestNeighbour nn = new NearestNeighbour();
        RgbImage lr = random(w, h, depth, 31L * w + h);
        AtomicInteger passes = new AtomicInteger();
        RgbImage ensemble = new SelfEnsemble(nn, passes::incrementAndGet).upscale(lr);
        assertEquals(SelfEnsemble.PASSES, nn.calls.get());
        assertEquals(SelfEnsemble.PASSES, passes.get());
        assertEquals(depth, ensemble.depth());
        assertArrayEquals(nn.upscale(lr).rgb(), ensemble.rgb());
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"5,3,BITS_8", "2,9,BITS_16", "7,7,BITS_8", "1,4,BITS_8"})
    void theEightPassesAreTheDihedralGroupAveragedBeforeRounding(int w, int h, SampleDepth depth) {
        RgbImage lr = random(w, h, depth, 7L * w + h + depth.ordinal());
        Lopsided net = new Lopsided();
        RgbImage ensemble = new SelfEnsemble(net).upscale(lr);
        assertArrayEquals(reference(net, lr).rgb(), ensemble.rgb());
        // and it is not simply one pass: the network is lopsided enough for the average to differ
        RgbImage onePass = depth == SampleDepth.BITS_16 ? net.upscale(lr) : null;
        if (onePass != null) {
            org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(onePass.rgb(), ensemble.rgb()));
        }
    }

    @org.junit.jupiter.api.Test
    void cancellationStopsBetweenPasses() {
        NearestNeighbour nn = new NearestNeighbour();
        AtomicInteger passes = new AtomicInteger();
        SelfEnsemble ensemble = new SelfEnsemble(nn, passes::incrementAndGet);
        assertThrows(CancellationException.class, () -> ensemble.upscale(random(4, 4, SampleDepth.BITS_8, 1), () -> passes.get() >= 3));
        assertEquals(3, passes.get(), "three passes done");
        assertEquals(4, nn.calls.get(), "the fourth was in flight when the cancellation was seen; no fifth started");
    }
}
