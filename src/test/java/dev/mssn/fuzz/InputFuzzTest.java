package dev.mssn.fuzz;

import dev.mssn.image.ImageDecoding;
import dev.mssn.model.ModelFormatException;
import dev.mssn.model.io.Models;
import dev.mssn.testutil.CapturedStderr;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutated image and weights files, from a seeded corpus of valid ones, into the readers the
 * library exposes to users' files: each must end in an image (or weights), or in the
 * documented errors (IOException, IllegalArgumentException, ModelFormatException), never in
 * another exception or error. Mutations: flipped bytes, overwritten header words (sizes, counts,
 * lengths), truncation, inserted garbage. Each format runs a bounded number of mutations drawn
 * from a fixed seed, so every run tries the same inputs; a failure names its mutation (seed and
 * edit count), which {@link Mutation#applyTo} turns back into the same bytes.
 */
class InputFuzzTest {

    private static final Map<String, byte[]> CORPUS = new LinkedHashMap<>();
    private static Path dir;

    @BeforeAll
    static void corpus() throws IOException {
        dir = Files.createTempDirectory("mssn-fuzz");
        BufferedImage rgb = new BufferedImage(13, 9, BufferedImage.TYPE_INT_ARGB);
        Random r = new Random(11);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 13; x++) {
                rgb.setRGB(x, y, r.nextInt());
            }
        }
        BufferedImage opaque = new BufferedImage(13, 9, BufferedImage.TYPE_INT_RGB);
        opaque.getGraphics().drawImage(rgb, 0, 0, null);
        for (String format : List.of("png", "jpg", "bmp", "gif")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(format.equals("png") ? rgb : opaque, format, out);
            CORPUS.put(format, out.toByteArray());
        }
        try {
            ByteArrayOutputStream tiff = new ByteArrayOutputStream();
            Imaging.writeImage(opaque, tiff, ImageFormats.TIFF);
            CORPUS.put("tif", tiff.toByteArray());
        } catch (org.apache.commons.imaging.ImagingException e) {
            throw new IOException(e);
        }
        try (var in = Models.class.getResourceAsStream("/weights/mssn-s-x2.safetensors")) {
            if (in == null) {
                throw new IllegalStateException("embedded mssn-s x2 weights missing");
            }
            CORPUS.put("safetensors", in.readAllBytes());
        }
        // a small torch.save file (zip format, four tensors) made for this corpus
        CORPUS.put("pt", Files.readAllBytes(Path.of("src/test/resources/fixtures/small-state-dict.pt")));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** A mutation recipe: a seed and how many edits; applied the same way every time. */
    record Mutation(long seed, int edits) {
        byte[] applyTo(byte[] original) {
            Random r = new Random(seed);
            byte[] b = original.clone();
            for (int e = 0; e < edits && b.length > 0; e++) {
                int at = r.nextInt(b.length);
                switch (r.nextInt(5)) {
                    case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                    case 1 -> b[at] = (byte) r.nextInt(256);
                    case 2 -> { // a big-endian or little-endian word: sizes, lengths, counts
                        int v = r.nextBoolean() ? r.nextInt() : r.nextInt(1 << 17);
                        for (int k = 0; k < 4 && at + k < b.length; k++) {
                            b[at + k] = (byte) (r.nextBoolean() ? v >>> (8 * (3 - k)) : v >>> (8 * k));
                        }
                    }
                    case 3 -> b = java.util.Arrays.copyOf(b, Math.max(1, at)); // truncated
                    default -> { // garbage inserted
                        byte[] junk = new byte[1 + r.nextInt(16)];
                        r.nextBytes(junk);
                        byte[] longer = new byte[b.length + junk.length];
                        System.arraycopy(b, 0, longer, 0, at);
                        System.arraycopy(junk, 0, longer, at, junk.length);
                        System.arraycopy(b, at, longer, at + junk.length, b.length - at);
                        b = longer;
                    }
                }
            }
            return b;
        }
    }

    /** {@code tries} mutations of {@code format}'s corpus file from {@code seed}, each checked by {@code check}. */
    private static void fuzz(String format, int tries, long seed, MutantCheck check) throws IOException {
        Random draws = new Random(seed);
        for (int t = 0; t < tries; t++) {
            Mutation m = new Mutation(draws.nextLong(), 1 + draws.nextInt(8));
            try {
                check.run(format, m);
            } catch (RuntimeException | Error e) {
                throw new AssertionError(format + " mutant " + m + " (try " + t + "): " + e, e);
            }
        }
    }

    @FunctionalInterface
    private interface MutantCheck {
        void run(String format, Mutation m) throws IOException;
    }

    private static Path write(String ext, byte[] bytes) throws IOException {
        Path f = dir.resolve("fuzz." + ext);
        Files.write(f, bytes);
        return f;
    }

    private static void imageEndsWell(String format, Mutation m) throws IOException {
        byte[] bytes = m.applyTo(CORPUS.get(format));
        if (format.equals("png") && (m.seed() & 1) == 0) {
            repairCrcs(bytes); // half the PNG mutants get past the CRC check, into the decoders
        }
        Path f = write(format, bytes);
        try {
            BufferedImage img = ImageDecoding.read(f).image();
            if (img.getWidth() < 1 || img.getHeight() < 1) {
                throw new AssertionError(format + " " + m + ": decoded to an empty image");
            }
        } catch (IOException | IllegalArgumentException documented) {
            // the documented ways to refuse a file
        }
    }

    /** Recomputes the CRC of every chunk whose length still fits the file. */
    static void repairCrcs(byte[] png) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        int at = 8;
        while (at + 12 <= png.length) {
            long length = b.getInt(at) & 0xffffffffL;
            if (at + 12 + length > png.length) {
                return;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(png, at + 4, (int) length + 4);
            b.putInt(at + 8 + (int) length, (int) crc.getValue());
            at += 12 + (int) length;
        }
    }

    /** Each format's mutants from a fixed seed; the count follows how much decoding each format has to fuzz. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"png, 6000, 20201", "jpg, 3000, 20202", "bmp, 3000, 20203", "gif, 3000, 20204", "tif, 3000, 20205",
        "safetensors, 1000, 20206", "pt, 1000, 20207"})
    void mutantsEndInAResultOrADocumentedError(String format, int tries, long seed) throws IOException {
        // broken inputs make the decoders warn (e.g. a TIFF ImageIO cannot read, retried with Commons
        // Imaging) by the thousand: expected here, so kept out of the test log and counted
        CapturedStderr warnings = new CapturedStderr();
        try (warnings) {
            fuzz(format, tries, seed, format.equals("safetensors") || format.equals("pt") ? InputFuzzTest::weightsEndWell
                    : InputFuzzTest::imageEndsWell);
        }
        System.out.println("fuzz " + format + ": " + tries + " mutants; expected decoder warnings: " + warnings.summary());
    }

    private static void weightsEndWell(String ext, Mutation m) throws IOException {
        Path f = write(ext, m.applyTo(CORPUS.get(ext)));
        try {
            Models.load(f.toString(), 2);
        } catch (IOException | IllegalArgumentException | ModelFormatException | UncheckedIOException documented) {
            // refused with a message
        }
    }
}
