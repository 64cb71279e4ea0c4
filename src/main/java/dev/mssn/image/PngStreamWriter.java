package dev.mssn.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an 8- or 16-bit PNG row by row, so that an image never has to exist whole in memory (neither
 * Commons Imaging nor ImageIO can be fed rows). Every row is Paeth-filtered, which suits
 * photographs; the pixel data goes out in IDAT chunks of {@value #CHUNK} bytes as it is made.
 */
public final class PngStreamWriter implements AutoCloseable {

    /** PNG colour types by samples per pixel: grey, grey+alpha, RGB, RGBA. */
    private static final int[] COLOUR_TYPE = {-1, 0, 4, 2, 6};
    private static final int CHUNK = 1 << 18;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final OutputStream out;
    private final int width;
    private final int height;
    private final int pixelBytes;
    private final Deflater deflater = new Deflater(6);
    private final DeflaterOutputStream idat;
    private final ChunkStream chunks = new ChunkStream();
    private final byte[] previous;
    private final byte[] filtered;
    private int rowsWritten;

    /** An 8-bit PNG without a profile; @param samplesPerPixel 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA */
    public PngStreamWriter(OutputStream out, int width, int height, int samplesPerPixel) throws IOException {
        this(out, width, height, samplesPerPixel, 8, null);
    }

    /**
     * @param bitDepth 8 or 16 bits a sample
     * @param iccProfile an ICC profile to embed (iCCP chunk), or null for none
     */
    public PngStreamWriter(OutputStream out, int width, int height, int samplesPerPixel, int bitDepth, byte[] iccProfile)
            throws IOException {
        this(out, width, height, samplesPerPixel, bitDepth, iccProfile, PhotoMetadata.NONE);
    }

    /** @param metadata EXIF and XMP to carry (eXIf and iTXt chunks), or {@link PhotoMetadata#NONE} */
    public PngStreamWriter(OutputStream out, int width, int height, int samplesPerPixel, int bitDepth, byte[] iccProfile,
                           PhotoMetadata metadata) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("PNG size must be positive, got " + width + "x" + height);
        }
        if (samplesPerPixel < 1 || samplesPerPixel > 4) {
            throw new IllegalArgumentException("samples per pixel must be 1 to 4, got " + samplesPerPixel);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.pixelBytes = samplesPerPixel * bitDepth / 8;
        int rowBytes = Math.multiplyExact(width, pixelBytes);
        this.previous = new byte[rowBytes];
        this.filtered = new byte[rowBytes + 1];
        out.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeInt(header, width);
        writeInt(header, height);
        header.write(bitDepth);
        header.write(COLOUR_TYPE[samplesPerPixel]);
        header.write(0); // deflate
        header.write(0); // adaptive filtering
        header.write(0); // no interlace
        chunk("IHDR", header.toByteArray(), header.size());
        if (iccProfile != null) {
            ByteArrayOutputStream iccp = new ByteArrayOutputStream();
            iccp.write("ICC profile".getBytes(StandardCharsets.ISO_8859_1));
            iccp.write(0); // name terminator
            iccp.write(0); // deflate
            try (DeflaterOutputStream z = new DeflaterOutputStream(iccp)) {
                z.write(iccProfile);
            }
            chunk("iCCP", iccp.toByteArray(), iccp.size());
        }
        for (PhotoMetadata.PngChunk c : metadata.pngChunks(width, height)) {
            c.writeTo(out);
        }
        idat = new DeflaterOutputStream(chunks, deflater, CHUNK);
    }

    /**
     * Appends the next row: width x samplesPerPixel samples, interleaved, one byte each at 8 bits
     * and two (most significant first) at 16.
     */
    public void writeRow(byte[] row) throws IOException {
        if (row.length != previous.length) {
            throw new IllegalArgumentException("row of " + row.length + " bytes, expected " + previous.length);
        }
        if (rowsWritten == height) {
            throw new IllegalStateException("all " + height + " rows are written");
        }
        filtered[0] = 4; // Paeth
        for (int i = 0; i < row.length; i++) {
            // PNG filters bytes, each against the same byte of the pixel to the left
            int a = i >= pixelBytes ? row[i - pixelBytes] & 0xff : 0;
            int b = previous[i] & 0xff;
            int c = i >= pixelBytes ? previous[i - pixelBytes] & 0xff : 0;
            filtered[i + 1] = (byte) (row[i] - paeth(a, b, c));
        }
        idat.write(filtered);
        System.arraycopy(row, 0, previous, 0, row.length);
        rowsWritten++;
    }

    /** Ends the pixel data and the file; fails if rows are missing. Does not close the stream. */
    public void finish() throws IOException {
        if (rowsWritten != height) {
            throw new IllegalStateException(rowsWritten + " of " + height + " rows written");
        }
        idat.finish();
        chunks.flush();
        chunk("IEND", new byte[0], 0);
        out.flush();
    }

    @Override
    public void close() {
        deflater.end();
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private void chunk(String type, byte[] data, int length) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream len = new ByteArrayOutputStream(4);
        writeInt(len, length);
        out.write(len.toByteArray());
        out.write(typeBytes);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        ByteArrayOutputStream sum = new ByteArrayOutputStream(4);
        writeInt(sum, (int) crc.getValue());
        out.write(sum.toByteArray());
    }

    private static void writeInt(ByteArrayOutputStream o, int v) {
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }

    /** Collects compressed bytes and emits them as IDAT chunks. */
    private final class ChunkStream extends OutputStream {
        private final byte[] buffer = new byte[CHUNK];
        private int used;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == buffer.length) {
                    flush();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (used > 0) {
                chunk("IDAT", buffer, used);
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
