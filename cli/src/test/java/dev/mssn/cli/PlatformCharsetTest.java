package dev.mssn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder run under LC_ALL=C (cron, minimal containers), where Java cannot spell a non-ASCII
 * file name: such a name once aborted the whole run ("Malformed input or input contains
 * unmappable characters") and wrote nothing. Its file is upscaled under the same bytes.
 */
class PlatformCharsetTest {

    @Test
    void aNameThePlatformCharsetCannotSpellIsUpscaledUnderItsOwnBytes(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        ImageIO.write(new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB), "png", in.resolve("a.png").toFile());
        // "é.png" and "\xe9.png" (UTF-8 and Latin-1 bytes), made by the shell: this JVM's own locale may not spell them
        assertEquals(0, new ProcessBuilder("sh", "-c", "cd \"$0\" && cp a.png \"$(printf '\\303\\251').png\" && cp a.png \"$(printf '\\351').png\"",
                in.toString()).start().waitFor());
        Path out = dir.resolve("out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                MssnCommand.class.getName(), "upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", in.toString(), out.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LANG", "C");
        Process p = builder.start();
        String log;
        try (InputStream o = p.getInputStream()) {
            log = new String(o.readAllBytes());
        }
        assertEquals(0, p.waitFor(), log);
        assertTrue(log.contains("mssn: 3 of 3 images written"), log);
        // listed by the shell, as bytes: the same three names, no temporary left
        Process ls = new ProcessBuilder("sh", "-c", "LC_ALL=C ls \"$0\" | od -An -c", out.toString()).start();
        String names = new String(ls.getInputStream().readAllBytes()).replaceAll("\\s+", " ").trim();
        assertEquals(0, ls.waitFor());
        assertEquals("a . p n g \\n 303 251 . p n g \\n 351 . p n g \\n", names);
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                assertArrayEquals(new int[] {18, 14}, size(f), f.toString());
            }
        }
    }

    private static int[] size(Path f) throws java.io.IOException {
        BufferedImage img;
        try (InputStream in = Files.newInputStream(f)) { // not f.toFile(): its name may not survive as text here
            img = ImageIO.read(in);
        }
        return new int[] {img.getWidth(), img.getHeight()};
    }
}
