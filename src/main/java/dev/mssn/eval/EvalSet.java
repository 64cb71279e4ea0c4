package dev.mssn.eval;

import dev.mssn.engine.RgbImage;
import dev.mssn.image.ImageDecoding;
import dev.mssn.image.PixelConversion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Loads an evaluation set: the HR images of a folder, or of its HR/ subfolder, sorted by name. */
public final class EvalSet {

    private EvalSet() {}

    public static List<EvalImage> load(Path dir) throws IOException {
        Path hr = dir.resolve("HR");
        Path folder = Files.isDirectory(hr) ? hr : dir;
        if (!Files.isDirectory(folder)) {
            throw new IOException(dir + ": not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|bmp|jpe?g|tiff?)"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(folder + ": no images (png, bmp, jpg, tif) found");
        }
        List<EvalImage> out = new ArrayList<>();
        for (Path f : files) {
            ImageDecoding.Decoded d = ImageDecoding.read(f);
            out.add(new EvalImage(f.getFileName().toString(),
                    new RgbImage(d.image().getWidth(), d.image().getHeight(), PixelConversion.toRgb(d.image())), d.grey()));
        }
        return out;
    }
}
