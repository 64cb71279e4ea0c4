package dev.mssn.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/** Copies between FFmpeg's packed BGR frames (rows padded to a stride) and images; both sides reuse their buffers, so copies. */
final class Frames {

    private Frames() {}

    /**
     * A new BGR image holding the frame's pixels. The grabber gives packed BGR (its default); the
     * channel count it reports is the stride over the width, which counts a padded row's padding
     * too, so only the depth and the stride are checked.
     */
    static BufferedImage toImage(Frame frame) throws IOException {
        if (frame.imageDepth != Frame.DEPTH_UBYTE || frame.imageStride < frame.imageWidth * 3) {
            throw new IOException("expected 8-bit BGR frames from the decoder, got depth " + frame.imageDepth + " and rows of "
                    + frame.imageStride + " bytes for " + frame.imageWidth + " pixels");
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData(); // B, G, R per pixel, rows unpadded
        ByteBuffer in = ((ByteBuffer) frame.image[0]).duplicate();
        for (int y = 0; y < h; y++) {
            in.position(y * frame.imageStride);
            in.get(bgr, y * w * 3, w * 3);
        }
        return image;
    }

    /** Copies {@code image} into {@code frame}, an 8-bit BGR frame of its size. */
    static void fill(Frame frame, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = new int[w];
        byte[] row = new byte[w * 3];
        ByteBuffer out = ((ByteBuffer) frame.image[0]).duplicate();
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                row[3 * x] = (byte) argb[x];
                row[3 * x + 1] = (byte) (argb[x] >> 8);
                row[3 * x + 2] = (byte) (argb[x] >> 16);
            }
            out.position(y * frame.imageStride);
            out.put(row);
        }
    }
}
