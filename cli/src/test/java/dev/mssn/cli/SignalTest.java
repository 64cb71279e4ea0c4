package dev.mssn.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.Requires;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of one long tile, on the CPU path and on OpenCL: the command line stops
 * the tile's work (between rows, between the network's units), removes the temporary output
 * and says so, instead of waiting for the tile or for a hook that waits on
 * the exiting thread.
 */
class SignalTest {

    @ParameterizedTest
    @CsvSource({"cpu,1000", "opencl,800"})
    void sigtermInsideATileStopsItAndLeavesNoFile(String device, int side, @TempDir Path dir) throws Exception {
        // one tile of about a million pixels: several seconds of work on either path here
        if (device.equals("opencl")) {
            Requires.openCl();
        }
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(5);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Path in = dir.resolve("in.png");
        ImageIO.write(img, "png", in.toFile());
        Path out = dir.resolve("out.png");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx3g", "-cp", System.getProperty("java.class.path"),
                MssnCommand.class.getName(), "upscale", "-d", device, "-t", String.valueOf(side), "--no-progress", in.toString(), out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream o = p.getInputStream()) {
                o.transferTo(output);
            } catch (java.io.IOException closed) {
                // the process is gone
            }
        });
        reader.start();
        try {
            // the temporary exists once the tile's work is under way
            for (int i = 0; i < 600 && !hasTemporary(dir); i++) {
                Thread.sleep(100);
            }
            assertTrue(hasTemporary(dir), "the upscale started");
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended");
            reader.join(10_000);
            String log;
            synchronized (output) {
                log = output.toString();
            }
            assertNotEquals(0, p.exitValue(), log);
            assertTrue(log.contains("mssn: stopped; the unfinished output was not written"), log);
            assertTrue(!Files.exists(out) && !hasTemporary(dir), "no output and no temporary left: " + log);
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean hasTemporary(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(".out.png."));
        }
    }
}
