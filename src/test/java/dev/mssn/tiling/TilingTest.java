package dev.mssn.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.engine.java.JavaBackend;
import dev.mssn.model.ModelSpec;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.Variant;
import dev.mssn.testutil.RandomModels;
import dev.mssn.testutil.SeededRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TilingTest {

    @Test
    void tilesCoverTheImageOnceAndHaloIsClipped() {
        int w = 23;
        int h = 10;
        int[] covered = new int[w * h];
        for (TilePlan.Tile t : TilePlan.plan(w, h, 7, 3)) {
            for (int y = t.core().y(); y < t.core().y() + t.core().height(); y++) {
                for (int x = t.core().x(); x < t.core().x() + t.core().width(); x++) {
                    covered[y * w + x]++;
                }
            }
            assertEquals(Math.max(0, t.core().x() - 3), t.input().x());
            assertEquals(Math.min(w, t.core().x() + t.core().width() + 3), t.input().x() + t.input().width());
        }
        for (int c : covered) {
            assertEquals(1, c);
        }
        assertEquals(8, TilePlan.plan(w, h, 7, 3).size());
        assertThrows(IllegalArgumentException.class, () -> TilePlan.plan(0, 5, 7, 3));
        assertThrows(IllegalArgumentException.class, () -> TilePlan.plan(5, 5, 0, 3));
    }

    /** Bit-exact on the fp32 path, for tile sides that do not divide the image, at both sample depths. */
    @ParameterizedTest(name = "{0} x{1}, {2}x{3}, tile {4}, {5}")
    @CsvSource({"MSSN_S,2,37,23,8,BITS_8", "MSSN_S,3,29,31,5,BITS_8", "MSSN_M,4,26,19,11,BITS_8", "MSSN_S,2,1,1,4,BITS_8",
            "MSSN_S,2,40,3,16,BITS_8", "MSSN_S,3,29,31,5,BITS_16", "MSSN_S,2,40,3,16,BITS_16",
            // extremes: sides of one pixel, sides at, just under and just over the image, sides that overflowed strip counts
            "MSSN_S,2,7,5,1,BITS_8", "MSSN_S,2,33,17,32,BITS_8", "MSSN_S,2,33,17,33,BITS_8", "MSSN_S,2,33,17,34,BITS_8",
            "MSSN_S,2,1,40,2147483647,BITS_8", "MSSN_S,2,40,1,2147483647,BITS_16", "MSSN_S,2,9,9,1073741824,BITS_8"})
    void tiledEqualsUntiled(Variant variant, int scale, int w, int h, int tile, SampleDepth depth) {
        ModelSpec spec = ModelSpec.of(variant, scale);
        MssnParameters p = MssnParameters.of(RandomModels.weights(spec, 99));
        RgbImage lr = new RgbImage(w, h, new SeededRandom(w * 100L + h).bytes(w * h * 3 * depth.bytes()), depth);
        try (JavaBackend b = new JavaBackend(2); Network net = b.load(p)) {
            RgbImage whole = net.upscale(lr);
            int[] calls = new int[1];
            RgbImage tiled = TileRunner.upscale(net, lr, tile, () -> calls[0]++, () -> false);
            assertEquals(depth, tiled.depth());
            assertArrayEquals(whole.rgb(), tiled.rgb(), "tiled output differs from untiled");
            assertEquals(TilePlan.plan(w, h, tile, spec.receptiveRadius()).size(), calls[0]);
            assertEquals(calls[0], TileRunner.tileCount(w, h, tile), "the counted tiles are the ones run");
        }
    }

    @Test
    void oneTileInFlightGivesTheSameResult() {
        ModelSpec spec = ModelSpec.of(Variant.MSSN_S, 2);
        MssnParameters p = MssnParameters.of(RandomModels.weights(spec, 7));
        RgbImage lr = new RgbImage(19, 13, new SeededRandom(19).bytes(19 * 13 * 3));
        try (JavaBackend b = new JavaBackend(1); Network net = b.load(p)) {
            RgbImage two = TileRunner.upscale(net, lr, 6, () -> { }, () -> false);
            RgbImage one = TileRunner.upscale(net, lr, 6, 1, () -> { }, () -> false);
            assertArrayEquals(two.rgb(), one.rgb());
            assertThrows(IllegalArgumentException.class, () -> TileRunner.upscale(net, lr, 6, 3, () -> { }, () -> false));
            assertThrows(IllegalArgumentException.class, () -> TileRunner.upscale(net, lr, 6, 0, () -> { }, () -> false));
        }
    }

    @Test
    void aHaloSmallerThanTheRadiusWouldShowSeams() {
        // guards the test above: with no halo, tiles do differ from the whole image
        ModelSpec spec = ModelSpec.of(Variant.MSSN_S, 2);
        MssnParameters p = MssnParameters.of(RandomModels.weights(spec, 99));
        RgbImage lr = new RgbImage(24, 24, new SeededRandom(5).bytes(24 * 24 * 3));
        try (JavaBackend b = new JavaBackend(1); Network net = b.load(p)) {
            RgbImage whole = net.upscale(lr);
            List<TilePlan.Tile> tiles = TilePlan.plan(24, 24, 12, 0);
            RgbImage corner = net.upscale(TileRunner.crop(lr, tiles.get(0).input()));
            byte[] expected = TileRunner.crop(whole, new TileRect(0, 0, 24, 24)).rgb();
            boolean differs = false;
            for (int y = 0; y < 24 && !differs; y++) {
                for (int x = 0; x < 24 * 3; x++) {
                    differs |= corner.rgb()[y * 24 * 3 + x] != expected[y * 24 * 3 + x];
                }
            }
            assertEquals(true, differs);
        }
    }

    /** The network gets the run's stop signal, which other threads can read: the caller's interrupt and the cancellation both count. */
    @Test
    void theNetworkIsGivenTheRunsStopSignal() throws Exception {
        boolean[] cancelled = {false};
        List<Boolean> seenFromAnotherThread = new java.util.ArrayList<>();
        Network asking = new Network() {
            @Override
            public ModelSpec spec() {
                return ModelSpec.of(Variant.MSSN_S, 2);
            }

            @Override
            public RgbImage upscale(RgbImage lr) {
                throw new AssertionError("the runner passes its stop signal");
            }

            @Override
            public RgbImage upscale(RgbImage lr, java.util.function.BooleanSupplier stop) {
                seenFromAnotherThread.add(askFromAnotherThread(stop));
                if (seenFromAnotherThread.size() == 1) {
                    Thread.currentThread().interrupt(); // as a Ctrl-C does
                } else {
                    cancelled[0] = true; // as a Cancellation does
                }
                boolean now = askFromAnotherThread(stop);
                seenFromAnotherThread.add(now);
                if (now) {
                    throw new java.util.concurrent.CancellationException("stopped within the tile");
                }
                return RgbImage.blank(lr.width() * 2, lr.height() * 2, lr.depth());
            }

            @Override
            public void close() {}
        };
        RgbImage lr = RgbImage.blank(8, 8, SampleDepth.BITS_8);
        for (int run = 0; run < 2; run++) {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> TileRunner.upscale(asking, lr, 64, () -> { }, () -> cancelled[0]));
            Thread.interrupted();
        }
        assertEquals(List.of(false, true, false, true), seenFromAnotherThread, "interrupt, then cancellation, each seen");
    }

    /** The signal as another thread reads it; waits without the blocking calls that clear and restore this thread's interrupt. */
    private static boolean askFromAnotherThread(java.util.function.BooleanSupplier stop) {
        java.util.concurrent.atomic.AtomicReference<Boolean> answer = new java.util.concurrent.atomic.AtomicReference<>();
        new Thread(() -> answer.set(stop.getAsBoolean())).start();
        while (answer.get() == null) {
            Thread.onSpinWait();
        }
        return answer.get();
    }
}
