package dev.mssn.image;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The image file formats the library reads and writes, and what each can hold: the one list that
 * reading, writing, the command line's folder runs, Spark and the viewer consult. How each is
 * encoded is {@link ImageEncoding}'s.
 */
public enum ImageFormat {
    PNG(List.of("png"), true, true, true, true),
    JPEG(List.of("jpg", "jpeg"), false, false, true, false),
    BMP(List.of("bmp"), false, false, false, false),
    GIF(List.of("gif"), false, false, false, false),
    TIFF(List.of("tif", "tiff"), true, true, true, false),
    WEBP(List.of("webp"), true, false, false, false);

    private final List<String> extensions;
    private final boolean alpha;
    private final boolean sixteenBits;
    private final boolean iccProfile;
    private final boolean streamed;

    ImageFormat(List<String> extensions, boolean alpha, boolean sixteenBits, boolean iccProfile, boolean streamed) {
        this.extensions = extensions;
        this.alpha = alpha;
        this.sixteenBits = sixteenBits;
        this.iccProfile = iccProfile;
        this.streamed = streamed;
    }

    /** The file name extensions, lower case, the usual one first. */
    public List<String> extensions() {
        return extensions;
    }

    /** Whether it keeps an alpha channel. */
    public boolean keepsAlpha() {
        return alpha;
    }

    /** Whether it keeps 16 bits a sample (else 16-bit images are written at 8). */
    public boolean keepsSixteenBits() {
        return sixteenBits;
    }

    /** Whether it can embed an ICC colour profile. */
    public boolean keepsIccProfile() {
        return iccProfile;
    }

    /** Whether output is written row by row as the tiles come (so very large images fit a small heap). */
    public boolean isStreamed() {
        return streamed;
    }

    /** Every extension of every format, lower case. */
    public static Set<String> allExtensions() {
        return AllExtensions.SET;
    }

    private static final class AllExtensions {
        static final Set<String> SET = Arrays.stream(values()).flatMap(f -> f.extensions.stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The format a file name's extension names (any case), if any. */
    public static Optional<ImageFormat> forName(Path file) {
        String ext = extension(file);
        return Arrays.stream(values()).filter(f -> f.extensions.contains(ext)).findFirst();
    }

    /** The format {@code out}'s extension names; an error that lists the formats when it names none. */
    public static ImageFormat of(Path out) {
        return forName(out).orElseThrow(() -> new ImageRefusedException(
                out + ": unknown output format '." + extension(out) + "'; use " + usualExtensions(List.of(values()))));
    }

    /** "png, jpg, bmp, gif or tif": the usual extensions of {@code formats}, for messages. */
    public static String usualExtensions(List<ImageFormat> formats) {
        List<String> names = formats.stream().map(f -> f.extensions.get(0)).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The formats that keep alpha. */
    public static List<ImageFormat> keepingAlpha() {
        return Arrays.stream(values()).filter(ImageFormat::keepsAlpha).toList();
    }

    /** The extension of a file name, lower case (the whole name when it has no dot). */
    static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
