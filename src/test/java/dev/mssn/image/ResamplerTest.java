package dev.mssn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.engine.RgbImage;
import dev.mssn.engine.SampleDepth;
import dev.mssn.testutil.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resampler that takes the network's result to any size. */
class ResamplerTest {

    private static RgbImage resize(RgbImage in, int width, int height, boolean wrap) {
        return new RgbImage(width, height, Resampler.resize(in.rgb(), in.width(), in.height(), in.depth().bytes() * 8, width, height, wrap),
                in.depth());
    }

    @ParameterizedTest(name = "{0}x{1} to {2}x{3}, {4}")
    @CsvSource({"20,10,31,15,BITS_8", "20,10,7,13,BITS_16", "9,9,100,3,BITS_8", "1,1,5,4,BITS_8"})
    void aFlatImageStaysFlatAtAnySize(int w, int h, int outW, int outH, SampleDepth depth) {
        RgbImage flat = RgbImage.blank(w, h, depth);
        int[] value = {17 * depth.max() / 255, 200 * depth.max() / 255, depth.max()};
        for (int i = 0; i < w * h * 3; i++) {
            depth.set(flat.rgb(), i, value[i % 3]);
        }
        RgbImage out = resize(flat, outW, outH, false);
        assertEquals(outW, out.width());
        assertEquals(outH, out.height());
        assertEquals(depth, out.depth());
        for (int i = 0; i < outW * outH * 3; i++) {
            assertEquals(value[i % 3], depth.get(out.rgb(), i), "sample " + i);
        }
    }

    @Test
    void theSameSizeIsTheImageItself() {
        RgbImage img = new RgbImage(6, 5, new SeededRandom(3).bytes(90));
        assertSame(img.rgb(), Resampler.resize(img.rgb(), 6, 5, 8, 6, 5, false));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(img.rgb(), 6, 5, 8, 0, 5, false));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(img.rgb(), 6, 5, 12, 3, 5, false));
    }

    /** Lines one pixel apart are finer than half the size can show: they average to grey instead of aliasing to stripes. */
    @Test
    void shrinkingAveragesDetailTooFineForTheNewGrid() {
        int w = 64;
        RgbImage lines = RgbImage.blank(w, w, SampleDepth.BITS_8);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    lines.rgb()[(y * w + x) * 3 + c] = (byte) (x % 2 == 0 ? 0 : 255);
                }
            }
        }
        RgbImage half = resize(lines, 27, 27, false);
        int worst = 0;
        for (int y = 0; y < 27; y++) {
            for (int x = 3; x < 24; x++) { // the edges repeat their outermost column, black on the left
                worst = Math.max(worst, (int) Math.abs(half.get(x, y, 0) - 127.5));
            }
        }
        assertTrue(worst < 16, "up to " + worst + " levels from grey");
    }

    /** With wrap the result of a tile is the centre of the result of the tile laid 3x3: it tiles as the input did. */
    @Test
    void wrappedEdgesKeepATextureTileable() {
        int w = 12;
        int h = 8;
        RgbImage tile = new RgbImage(w, h, new SeededRandom(11).bytes(w * h * 3));
        RgbImage laid = RgbImage.blank(3 * w, 3 * h, SampleDepth.BITS_8);
        for (int y = 0; y < 3 * h; y++) {
            for (int x = 0; x < 3 * w; x++) {
                System.arraycopy(tile.rgb(), ((y % h) * w + x % w) * 3, laid.rgb(), (y * 3 * w + x) * 3, 3);
            }
        }
        int outW = 18;
        int outH = 20;
        RgbImage wrapped = resize(tile, outW, outH, true);
        RgbImage big = resize(laid, 3 * outW, 3 * outH, false);
        int worst = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                for (int c = 0; c < 3; c++) {
                    int a = wrapped.get(x, y, c);
                    int b = big.get(x + outW, y + outH, c);
                    worst = Math.max(worst, Math.abs(a - b));
                }
            }
        }
        assertTrue(worst <= 1, "differs by " + worst + " levels (float rounding of the filter's positions allows 1)");
        RgbImage clamped = resize(tile, outW, outH, false);
        assertTrue(!java.util.Arrays.equals(clamped.rgb(), wrapped.rgb()), "and the edges are where it shows");
    }
}
