package dev.mssn.viewer;

import dev.mssn.FileFormat;
import dev.mssn.GpuSuperResolver;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Writes a result in any format the library writes ({@link GpuSuperResolver#fileFormats()}),
 * chosen by the file's extension, through ImageIO's writer for it; alpha is dropped (onto white)
 * for a format that cannot keep it. The file appears whole or not at all (written beside it, then
 * moved), and an existing file is replaced only when {@code overwrite} says so, the rule of
 * {@code bin/mssn upscale -f}.
 */
final class ImageSaving {

    private ImageSaving() {}

    static FileFormat format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        List<FileFormat> formats = GpuSuperResolver.fileFormats();
        return formats.stream().filter(f -> f.extensions().contains(ext)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                file.getFileName() + ": save as " + formats.stream().map(f -> "." + f.extensions().get(0)).collect(Collectors.joining(", "))));
    }

    /** Every extension the library writes, for the file dialogs. */
    static String[] extensions() {
        return GpuSuperResolver.fileFormats().stream().flatMap(f -> f.extensions().stream()).toArray(String[]::new);
    }

    static void save(BufferedImage image, Path file, boolean overwrite) throws IOException {
        FileFormat fileFormat = format(file);
        String format = fileFormat.extensions().get(0);
        if (Files.exists(file) && !overwrite) {
            throw new IllegalArgumentException(file + " exists");
        }
        // a format without alpha: drop it rather than let the writer fail
        BufferedImage toWrite = !fileFormat.keepsAlpha() && image.getColorModel().hasAlpha() ? opaque(image) : image;
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(toWrite, format, temp.toFile())) {
                throw new IOException("no " + format + " writer for a " + describe(toWrite));
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static String describe(BufferedImage image) {
        return image.getWidth() + "x" + image.getHeight() + " image of type " + image.getType();
    }
}
