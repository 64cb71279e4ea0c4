package dev.mssn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mssn.GpuSuperResolver;
import dev.mssn.UnsupportedImageException;
import dev.mssn.image.ImageDecoding;
import dev.mssn.image.ImageRefusedException;
import dev.mssn.model.ModelFormatException;
import dev.mssn.model.Weights;
import dev.mssn.model.io.Models;
import dev.mssn.testutil.CapturedStderr;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the library promises about the files users hand it, checked by Jazzer, a coverage-guided
 * fuzzer: every input either gives a result that keeps the promise or is refused by a documented
 * error that names the file, and nothing else escapes.
 *
 * <p>{@code mvn test} replays the committed inputs in {@code src/test/resources/dev/mssn/fuzz/
 * UserFilesFuzzTestInputs/METHOD/}: the seeds {@link FuzzSeeds} writes, the corpus kept from
 * fuzzing runs and every input that once failed. {@code JAZZER_FUZZ=1} fuzzes one method for its
 * {@code maxDuration} (see docs/testing.md); a failing input is written to that folder, to be
 * committed with its fix.
 *
 * <p>Each input's first byte picks a variant (the output format, the weights format); the rest
 * is the file.
 */
class UserFilesFuzzTest {

    /** Small enough that an upscale takes milliseconds on the CPU path. */
    static final long MAX_PIXELS = 48 * 48;
    static final List<String> OUTPUT_FORMATS = List.of("png", "jpg", "tif", "bmp", "gif");
    static final List<String> WEIGHTS_FORMATS = List.of("safetensors", "pt");

    private static GpuSuperResolver resolver;
    private static Path dir;

    @BeforeAll
    static void open() throws IOException {
        resolver = GpuSuperResolver.builder().optDevice("cpu").optModel("mssn-s").optMaxInputPixels(MAX_PIXELS).build();
        dir = Files.createTempDirectory("mssn-fuzz");
    }

    @AfterAll
    static void close() throws IOException {
        resolver.close();
        Files.deleteIfExists(dir);
    }

    /** A decoded image is within the pixel limit and not empty; a refusal is an IOException or the limit's, naming the file. */
    @FuzzTest(maxDuration = "60s")
    void imageFilesDecodeWithinTheLimitOrAreRefused(byte[] input) throws IOException {
        Path file = dir.resolve("input");
        Files.write(file, input.length > 0 ? Arrays.copyOfRange(input, 1, input.length) : input);
        try (CapturedStderr decoderWarnings = new CapturedStderr()) {
            BufferedImage image = ImageDecoding.read(file, MAX_PIXELS).image();
            long pixels = (long) image.getWidth() * image.getHeight();
            check(image.getWidth() >= 1 && image.getHeight() >= 1 && pixels <= MAX_PIXELS,
                    "decoded to " + image.getWidth() + "x" + image.getHeight() + ", limit " + MAX_PIXELS + " pixels");
        } catch (IOException | ImageRefusedException refused) {
            requireNamed(refused, file);
        } finally {
            Files.delete(file);
        }
    }

    /**
     * An upscale writes the whole output, {@code scale} times the input's size, or fails with an
     * IOException or an UnsupportedImageException that names a file, leaving nothing behind.
     */
    @FuzzTest(maxDuration = "60s")
    void upscaleWritesAWholeFileOrNothing(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path in = dir.resolve("input");
        Path out = dir.resolve("output." + OUTPUT_FORMATS.get(Byte.toUnsignedInt(input[0]) % OUTPUT_FORMATS.size()));
        Files.write(in, Arrays.copyOfRange(input, 1, input.length));
        try (CapturedStderr warnings = new CapturedStderr()) {
            resolver.upscale(in, out);
            BufferedImage lr = ImageDecoding.read(in, MAX_PIXELS).image();
            BufferedImage sr = ImageDecoding.read(out).image();
            check(sr.getWidth() == 2 * lr.getWidth() && sr.getHeight() == 2 * lr.getHeight(),
                    out.getFileName() + " is " + sr.getWidth() + "x" + sr.getHeight() + " for a " + lr.getWidth() + "x" + lr.getHeight() + " input");
        } catch (IOException | UnsupportedImageException refused) {
            requireNamed(refused, in, out);
            try (var left = Files.list(dir)) {
                List<Path> files = left.toList();
                check(files.equals(List.of(in)), "a refused upscale left " + files);
            }
        } finally {
            Files.deleteIfExists(out);
            Files.delete(in);
        }
    }

    /** Weights load into a checked x2 model or are refused by a ModelFormatException or an IOException naming the file. */
    @FuzzTest(maxDuration = "60s")
    void weightsFilesLoadOrAreRefused(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = dir.resolve("weights." + WEIGHTS_FORMATS.get(Byte.toUnsignedInt(input[0]) % WEIGHTS_FORMATS.size()));
        Files.write(file, Arrays.copyOfRange(input, 1, input.length));
        try {
            Weights w = Models.load(file.toString(), 2);
            check(w.spec().scale() == 2 && w.tensors().keySet().containsAll(Weights.names(w.spec())),
                    "loaded weights lack tensors of their own spec " + w.spec());
        } catch (IOException | ModelFormatException refused) {
            requireNamed(refused, file);
        } finally {
            Files.delete(file);
        }
    }

    private static void requireNamed(Exception refused, Path... files) {
        String message = String.valueOf(refused.getMessage());
        check(Arrays.stream(files).anyMatch(f -> message.contains(f.toString())),
                "the message does not name the file: " + refused);
    }

    private static void check(boolean promise, String broken) {
        if (!promise) {
            throw new AssertionError(broken);
        }
    }
}
