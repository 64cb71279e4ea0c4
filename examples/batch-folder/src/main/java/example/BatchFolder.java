package example;

import dev.mssn.GpuSuperResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Upscales every PNG and JPEG of a folder into another with THREADS threads sharing one
 * instance (it is thread-safe; calls take turns on the device while the threads read and write
 * files). A file that fails is reported and the rest go on.
 * {@code BatchFolder IN_DIR OUT_DIR [THREADS]}
 */
public final class BatchFolder {

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<Path> images;
        try (Stream<Path> files = Files.list(in)) {
            images = files.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g)")).sorted().toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int failed = 0;
        try (GpuSuperResolver sr = GpuSuperResolver.builder().build()) {
            List<Future<Path>> results = images.stream()
                    .map(image -> pool.submit(() -> {
                        Path target = out.resolve(image.getFileName());
                        sr.upscale(image, target, StandardCopyOption.REPLACE_EXISTING);
                        return target;
                    }))
                    .toList();
            for (int i = 0; i < images.size(); i++) {
                try {
                    System.out.println("wrote " + results.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    // the library's messages name the file they are about
                    System.out.println("failed: " + e.getCause().getMessage());
                }
            }
            System.out.println(images.size() - failed + " of " + images.size() + " images on " + sr.device());
        } finally {
            pool.shutdown();
        }
        System.exit(failed == 0 ? 0 : 2); // as bin/mssn: 2 when an input failed
    }
}
