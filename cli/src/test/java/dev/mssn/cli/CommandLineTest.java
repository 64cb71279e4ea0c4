package dev.mssn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mssn.testutil.Requires;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cl = MssnCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** A smooth synthetic test image, made here. */
    private static Path image(Path dir, String name, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) (127 + 100 * Math.sin(x / 5.0));
                int g = (int) (127 + 100 * Math.cos(y / 7.0));
                int b = (x * 3 + y * 2) % 256;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    private static final Pattern MEAN = Pattern.compile("(?m)^MEAN psnr=(\\d+\\.\\d{2}) ssim=(\\d\\.\\d{4}) images=(\\d+)$");

    @Test
    void evalPrintsOneLinePerImageThenTheMean(@TempDir Path dir) throws IOException {
        image(dir, "a.png", 40, 30);
        image(dir, "b.png", 33, 27);
        Result r = run("eval", "--scale", "3", "--model", "bicubic", "--data", dir.toString());
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith("a.png psnr="), lines[0]);
        assertTrue(lines[1].startsWith("b.png psnr="), lines[1]);
        Matcher m = MEAN.matcher(lines[2]);
        assertTrue(m.matches(), lines[2]);
        assertEquals("2", m.group(3));
    }

    @Test
    void importedWeightsScoreLikeTheCheckpoint(@TempDir Path dir) throws IOException {
        Path pt = Requires.shared("models/mssn-official/MSSN_S_x2.pt");
        image(dir, "a.png", 36, 28);
        Path out = dir.resolve("s2.safetensors");
        Result imp = run("import", pt.toString(), out.toString());
        assertEquals(0, imp.exit(), imp.err());
        assertTrue(imp.out().contains("MSSN-S x2"), imp.out());
        Result again = run("import", pt.toString(), out.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("exists; pass --force"), again.err());

        Result fromPt = run("eval", "-s", "2", "-m", pt.toString(), "-d", "cpu", "--data", dir.toString());
        Result fromFile = run("eval", "-s", "2", "-m", out.toString(), "-d", "cpu", "--data", dir.toString());
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals(fromPt.out(), fromFile.out());
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy(@TempDir Path dir) throws IOException {
        Result scale = run("eval", "-s", "5", "-m", "bicubic", "--data", dir.toString());
        assertEquals(2, scale.exit());
        assertTrue(scale.err().contains("--scale must be 2, 3 or 4"), scale.err());

        Result empty = run("eval", "-s", "2", "-m", "bicubic", "--data", dir.toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no images"), empty.err());

        Files.write(dir.resolve("zero.png"), new byte[0]);
        Result zero = run("eval", "-s", "2", "-m", "bicubic", "--data", dir.toString());
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("zero.png: empty file"), zero.err());
        Files.delete(dir.resolve("zero.png"));

        Path good = image(dir, "cut.png", 20, 20);
        byte[] bytes = Files.readAllBytes(good);
        Files.write(good, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Result corrupt = run("eval", "-s", "2", "-m", "bicubic", "--data", dir.toString());
        assertEquals(2, corrupt.exit());
        assertTrue(corrupt.err().contains("cut.png: damaged PNG: chunk 1 runs past the end of the file"), corrupt.err());

        Result model = run("eval", "-s", "2", "-m", "no-such-model", "--data", dir.toString());
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("no embedded model 'no-such-model'"), model.err());

        Files.delete(good);
        image(dir, "fine.png", 30, 30);
        // copied out of the class path: inside a jar (the library's test jar, in a packaging build) it has no file of its own
        Path fixtureFile = Files.createTempFile("mssn-s-x3-random", ".safetensors");
        fixtureFile.toFile().deleteOnExit();
        try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/mssn-s-x3-random.safetensors")) {
            Files.copy(in, fixtureFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String fixture = fixtureFile.toString();
        Result device = run("eval", "-s", "3", "-m", fixture, "-d", "gpu7", "--data", dir.toString());
        assertEquals(2, device.exit());
        assertTrue(device.err().contains("device 'gpu7'"), device.err());
        Result wrongScale = run("eval", "-s", "2", "-m", fixture, "--data", dir.toString());
        assertEquals(2, wrongScale.exit());
        assertTrue(wrongScale.err().contains("is a x3 model, but x2 was asked for"), wrongScale.err());

        Result usage = run("eval", "--scale");
        assertEquals(2, usage.exit());
    }

    @Test
    void importRejectsTheMismatchedFile(@TempDir Path dir) {
        Path pt = Requires.shared("models/mssn-official/MSSN_S_x4.pt");
        Result r = run("import", pt.toString(), dir.resolve("x.safetensors").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cannot be imported"), r.err());
        assertTrue(Files.notExists(dir.resolve("x.safetensors")), "no output on failure");
    }

    @Test
    void upscalesAFileAndAFolder(@TempDir Path dir) throws IOException {
        Path one = image(dir, "one.png", 12, 10);
        Result file = run("upscale", "-d", "cpu", "-m", "mssn-s", one.toString(), dir.resolve("one-x2.png").toString());
        assertEquals(0, file.exit(), file.err());
        assertEquals(24, ImageIO.read(dir.resolve("one-x2.png").toFile()).getWidth());
        Result again = run("upscale", "-d", "cpu", "-m", "mssn-s", one.toString(), dir.resolve("one-x2.png").toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("exists; pass -f (--force) to replace it"), again.err());
        assertTrue(!again.err().contains("upscaling"), "refused before any work is announced: " + again.err());
        Result quality = run("upscale", "-d", "cpu", "-m", "mssn-s", "--quality", "0", one.toString(), dir.resolve("q.jpg").toString());
        assertEquals(2, quality.exit());
        assertTrue(quality.err().contains("quality must be 1 to 100, got 0"), quality.err());
        Result tiny = run("upscale", "-d", "cpu", "-m", "mssn-s", "-t", "1", one.toString(), dir.resolve("tiny.png").toString());
        assertEquals(2, tiny.exit());
        assertTrue(tiny.err().contains("tile size must be 0 (automatic) or at least 16 pixels, got 1"), tiny.err());
        Result seamless = run("upscale", "-d", "cpu", "-m", "mssn-s", "--seamless", one.toString(), dir.resolve("tile.png").toString());
        assertEquals(0, seamless.exit(), seamless.err());
        assertEquals(24, ImageIO.read(dir.resolve("tile.png").toFile()).getWidth());
        Result huge = run("upscale", "-d", "cpu", "-m", "mssn-s", "-t", "2147483647", one.toString(), dir.resolve("huge.jpg").toString());
        assertEquals(0, huge.exit(), huge.err());
        assertEquals(24, ImageIO.read(dir.resolve("huge.jpg").toFile()).getWidth());

        Path in = Files.createDirectory(dir.resolve("in"));
        image(in, "a.png", 9, 8);
        image(in, "b.png", 7, 11);
        Files.write(in.resolve("c.png"), "not an image".getBytes());
        Files.write(in.resolve("notes.txt"), "ignored".getBytes());
        Path out = dir.resolve("out");
        Result folder = run("upscale", "-s", "3", "-d", "cpu", "-m", "mssn-s", in.toString(), out.toString());
        assertEquals(2, folder.exit(), "one input is broken");
        assertTrue(folder.err().contains("c.png: cannot decode image"), folder.err());
        assertTrue(folder.err().contains("mssn: 2 of 3 images written, 1 failed (above)"), folder.err());
        assertEquals(27, ImageIO.read(out.resolve("a.png").toFile()).getWidth());
        assertEquals(33, ImageIO.read(out.resolve("b.png").toFile()).getHeight());
        try (var listed = Files.list(out)) {
            assertEquals(2, listed.count(), "only the good images are written, no temporary files are left");
        }
        // run again: the outputs there are skipped, not failures; only the broken file fails
        Result rerun = run("upscale", "-s", "3", "-d", "cpu", "-m", "mssn-s", "--no-progress", in.toString(), out.toString());
        assertEquals(2, rerun.exit(), rerun.err());
        assertTrue(rerun.err().contains("mssn: 0 of 3 images written, 2 skipped (the output exists; -f replaces it), 1 failed (above)"),
                rerun.err());
        Files.delete(in.resolve("c.png"));
        Result skipped = run("upscale", "-s", "3", "-d", "cpu", "-m", "mssn-s", "--no-progress", in.toString(), out.toString());
        assertEquals(0, skipped.exit(), "skipping existing outputs is no failure: " + skipped.err());
        assertTrue(skipped.err().contains("mssn: 0 of 2 images written, 2 skipped"), skipped.err());

        Result same = run("upscale", "-d", "cpu", "-m", "mssn-s", in.toString(), in.toString());
        assertEquals(2, same.exit());
        assertTrue(same.err().contains("is the input folder"), same.err());
    }

    @Test
    void aFolderRunNamesEveryEntryItCannotReadAndGoesOn(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        image(in, "a.png", 9, 8);
        Files.createSymbolicLink(in.resolve("gone.png"), in.resolve("missing.png"));
        Files.createSymbolicLink(in.resolve("loop.png"), in.resolve("loop.png"));
        assertEquals(0, new ProcessBuilder("mkfifo", in.resolve("pipe.png").toString()).start().waitFor());
        Path out = dir.resolve("out");
        Result r = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", in.toString(), out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("gone.png: a symbolic link that leads to no file"), r.err());
        assertTrue(r.err().contains("loop.png: a symbolic link that leads to no file"), r.err());
        assertTrue(r.err().contains("pipe.png: not a regular file (a pipe, socket or device), so not read"), r.err());
        assertTrue(r.err().contains("mssn: 1 of 4 images written, 3 failed (above)"), r.err());
        assertEquals(18, ImageIO.read(out.resolve("a.png").toFile()).getWidth());
    }

    private static final Pattern BENCH_MODE = Pattern.compile(
            "(?m)^(two tiles in flight|one tile at a time ): median (\\d+\\.\\d) ms, min (\\d+\\.\\d) ms, (\\d+\\.\\d{2}) MP/s out, (\\d+\\.\\d) GFLOP/s$");
    private static final Pattern BENCH_RATIO = Pattern.compile("(?m)^overlap speed-up: (\\d+\\.\\d{3})x ");

    @Test
    void benchTimesBothModesOnOpenClAndReportsTheirRatio() {
        Requires.openCl();
        Result r = run("bench", "-d", "opencl", "-m", "mssn-s", "--size", "20", "-t", "8", "--runs", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("MSSN-S x2 on opencl:"), r.out());
        assertTrue(r.out().contains("20x20 -> 40x40, tiles of 8 px (9 per image), 2 runs each"), r.out());
        Matcher modes = BENCH_MODE.matcher(r.out());
        for (String mode : new String[] {"two tiles in flight", "one tile at a time "}) {
            assertTrue(modes.find(), r.out());
            assertEquals(mode, modes.group(1));
            assertTrue(Double.parseDouble(modes.group(3)) <= Double.parseDouble(modes.group(2)), "min <= median: " + r.out());
            double gflops = 2e-9 * dev.mssn.model.ModelSpec.of(dev.mssn.model.Variant.MSSN_S, 2).multiplyAddsPerLrPixel() * 20 * 20
                    / (Double.parseDouble(modes.group(2)) / 1000);
            assertEquals(gflops, Double.parseDouble(modes.group(5)), 0.05 + gflops * 0.01, "GFLOP/s from the median: " + r.out());
        }
        Matcher ratio = BENCH_RATIO.matcher(r.out());
        assertTrue(ratio.find() && Double.parseDouble(ratio.group(1)) > 0, r.out());

        Result bad = run("bench", "-d", "cpu", "--runs", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--runs"), bad.err());
    }

    @Test
    void tuneSearchesChecksAgainstTheNetworkAndWritesOnlyAnEntryThatHolds(@TempDir Path dir) throws Exception {
        dev.mssn.engine.opencl.runtime.DeviceInfo device = Requires.openCl();
        Path file = dir.resolve("tuning.json");
        Result r = run("tune", "-d", "opencl", "--size", "24", "--runs", "1", "-o", file.toString());
        assertEquals(0, r.exit(), r.err());
        String key = dev.mssn.engine.opencl.tuning.TuningDatabase.deviceKey(device);
        assertTrue(r.out().contains("entry " + key), r.out());
        Matcher counts = Pattern.compile("(?m)^(\\d+) candidates, (\\d+) rejected$").matcher(r.out());
        assertTrue(counts.find(), r.out());
        assertTrue(Integer.parseInt(counts.group(1)) > Integer.parseInt(counts.group(2)), "some candidates ran: " + r.out());
        Matcher network = Pattern.compile("(?m)^mssn-m x2 on 24x24: (\\d+\\.\\d) ms with the current entry, (\\d+\\.\\d) ms with the tuned one$")
                .matcher(r.out());
        assertTrue(network.find(), r.out());
        // the decision is taken on unrounded times: the printed ones (0.1 ms steps) agree with it within rounding
        double now = Double.parseDouble(network.group(1));
        double tuned = Double.parseDouble(network.group(2));
        boolean slower = r.out().contains("the tuning file is left as it was");
        if (slower) {
            assertTrue(tuned + 0.05 > (now - 0.05) * 1.03 && !Files.exists(file), r.out());
        } else {
            assertTrue(tuned - 0.05 <= (now + 0.05) * 1.03, r.out());
            dev.mssn.engine.opencl.tuning.TuningEntry e = dev.mssn.engine.opencl.tuning.TuningDatabase.load(file).get(key);
            assertEquals(file.toString(), e.source());
            assertTrue(e.measured().startsWith("bin/mssn tune on ") && e.measured().contains("network"), e.measured());
            assertTrue(r.out().contains("wrote " + file), r.out());
        }

        Result bad = run("tune", "-d", "cpu");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("is not an OpenCL device"), bad.err());
    }

    /** Help lists every command, the viewer's included, and exits 0 for each of them. */
    @Test
    void helpListsEveryCommandAndExitsZero() {
        Result top = run("--help");
        assertEquals(0, top.exit(), top.err());
        for (String command : new String[] {"upscale", "eval", "import", "devices", "bench", "profile", "tune", "view", "help"}) {
            assertTrue(Pattern.compile("(?m)^ +" + command + " +\\S").matcher(top.out()).find(), command + " missing from:\n" + top.out());
            Result help = run(command, "--help");
            assertEquals(0, help.exit(), command + " --help: " + help.err());
            assertTrue(help.out().contains("Usage: mssn " + command), help.out());
        }
        Result helpView = run("help", "view");
        assertEquals(0, helpView.exit(), helpView.err());
        assertTrue(helpView.out().contains("[IMAGE [REFERENCE]]") || helpView.out().contains("[IMAGE] [REFERENCE]"), helpView.out());
        Result view = run("view");
        assertEquals(2, view.exit());
        assertTrue(view.err().contains("bin/mssn view"), view.err());
    }

    /** The wall clock times what drivers with unusable timestamps run; candidates are still checked, and the entry says how it was timed. */
    @Test
    void tuneOnTheWallClock(@TempDir Path dir) throws Exception {
        Requires.openCl();
        Path file = dir.resolve("tuning.json");
        Result r = run("tune", "-d", "opencl", "--clock", "wall", "--size", "16", "--runs", "1", "-o", file.toString(), "-v");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(" on 16x16 tiles, wall clock; entry "), r.out());
        assertTrue(Pattern.compile("(?m)^pointwise +vw=\\d+ per-item=\\d+ blocks=\\w+ local=\\d+ +\\d+\\.\\d us$").matcher(r.out()).find(), r.out());
        if (Files.exists(file)) { // written unless the network ran slower with it
            String key = dev.mssn.engine.opencl.tuning.TuningDatabase.deviceKey(Requires.openCl());
            String measured = dev.mssn.engine.opencl.tuning.TuningDatabase.load(file).get(key).measured();
            assertTrue(measured.contains("fp32, wall clock: pointwise "), "the entry says how it was timed: " + measured);
        }

        Result bad = run("tune", "-d", "opencl", "--clock", "sundial");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--clock must be device or wall, got sundial"), bad.err());
    }

    @Test
    void ttaRunsEightPassesAndIsRefusedForBicubic(@TempDir Path dir) throws IOException {
        Result bench = run("bench", "-d", "cpu", "-m", "mssn-s", "--size", "12", "--runs", "1", "--tta");
        assertEquals(0, bench.exit(), bench.err());
        assertTrue(bench.out().contains(", self-ensemble of 8 passes"), bench.out());
        // on the CPU path, the peak at the width in use, measured in the same run, and the share reached
        Matcher peak = Pattern.compile("(?m)^peak: (\\d+\\.\\d) GFLOP/s measured now on cpu \\(\\d+ threads, .*(\\d+|scalar).*\\); "
                + "the faster mode reaches (\\d+\\.\\d) % of it$").matcher(bench.out());
        assertTrue(peak.find(), bench.out());
        assertTrue(Double.parseDouble(peak.group(1)) > 0, bench.out());

        Path in = dir.resolve("in.png");
        BufferedImage img = new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                img.setRGB(x, y, (x * 28) << 16 | (y * 36) << 8 | (x * y * 4));
            }
        }
        ImageIO.write(img, "png", in.toFile());
        Result plain = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", in.toString(), dir.resolve("plain.png").toString());
        Result tta = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", "--tta", in.toString(), dir.resolve("tta.png").toString());
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(0, tta.exit(), tta.err());
        BufferedImage a = ImageIO.read(dir.resolve("plain.png").toFile());
        BufferedImage b = ImageIO.read(dir.resolve("tta.png").toFile());
        assertEquals(18, b.getWidth());
        assertTrue(!java.util.Arrays.equals(a.getRGB(0, 0, 18, 14, null, 0, 18), b.getRGB(0, 0, 18, 14, null, 0, 18)),
                "--tta changes the result");

        Result bicubic = run("eval", "-s", "2", "-m", "bicubic", "--tta", "--data", dir.toString());
        assertEquals(2, bicubic.exit());
        assertTrue(bicubic.err().contains("--tta averages a model's passes; bicubic has none"), bicubic.err());
    }

    @Test
    void badModelsAndMissingCommandsAreUsageErrorsWithoutStackTraces(@TempDir Path dir) throws IOException {
        Path in = image(dir, "in.png", 6, 5);
        Result missing = run("upscale", "-d", "cpu", "-m", dir.resolve("nope.pt").toString(), in.toString(), dir.resolve("o.png").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.pt: no such weights file") && !missing.err().contains("\tat "), missing.err());
        Result folder = run("upscale", "-d", "cpu", "-m", dir.toString(), in.toString(), dir.resolve("o.png").toString());
        assertEquals(2, folder.exit());
        assertTrue(folder.err().contains("is a folder, not a weights file") && !folder.err().contains("\tat "), folder.err());

        Result none = run();
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("a command is needed") && none.err().contains("upscale"), none.err());

        Path out = dir.resolve("exists.png");
        Files.writeString(out, "keep me");
        Result exists = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", in.toString(), out.toString());
        assertEquals(2, exists.exit());
        assertTrue(exists.err().contains(out + " exists; pass -f (--force) to replace it"), exists.err());
        assertEquals("keep me", Files.readString(out));
    }

    @Test
    void maxMegapixelsRefusesLargerInputsAndMustBePositive(@TempDir Path dir) throws IOException {
        Path in = image(dir, "in.png", 20, 10);
        Result refused = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", "--max-megapixels", "0.0001", in.toString(),
                dir.resolve("o.png").toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("20x10 is 0.0 megapixels, over the limit of 0.0; raise it (--max-megapixels"), refused.err());
        assertTrue(!Files.exists(dir.resolve("o.png")));
        Result negative = run("upscale", "-d", "cpu", "--max-megapixels", "-1", in.toString(), dir.resolve("o.png").toString());
        assertEquals(2, negative.exit());
        assertTrue(negative.err().contains("--max-megapixels must be positive"), negative.err());
        Result enough = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", "--max-megapixels", "0.0002", in.toString(),
                dir.resolve("o.png").toString());
        assertEquals(0, enough.exit(), enough.err());
    }

    @Test
    void anInputFolderWithoutImagesLeavesNoOutputFolder(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectory(dir.resolve("x.png"));
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out.png");
        Result r = run("upscale", "-d", "cpu", "-m", "mssn-s", in.toString(), out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(in + ": a folder with no image files"), r.err());
        assertTrue(!Files.exists(out), "no empty output folder made");
    }

    @Test
    void aFolderRunGoesOnPastABombAndSaysWhichFileFailed(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectory(dir.resolve("in"));
        image(in, "a.png", 8, 6);
        Files.write(in.resolve("b-bomb.png"), dev.mssn.InputLimitsTest.pngClaiming(20000, 20000));
        image(in, "c.png", 5, 7);
        Path out = dir.resolve("out");
        Result r = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", in.toString(), out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("mssn: " + in.resolve("b-bomb.png") + ": 20000x20000 is 400.0 megapixels"), r.err());
        assertTrue(r.err().contains("mssn: 2 of 3 images written, 1 failed (above)"), r.err());
        assertTrue(Files.exists(out.resolve("a.png")) && Files.exists(out.resolve("c.png")) && !Files.exists(out.resolve("b-bomb.png")));
    }

    @Test
    void anyOutputSizeFromScaleSizeOrFit(@TempDir Path dir) throws IOException {
        Path in = image(dir, "in.png", 40, 30);
        String[][] cases = {{"-s", "1.5", "60x45", "upscaling x1.5 with"}, {"--size", "50x90", "50x90", "upscaling to 50x90 with"},
            {"--fit", "100x100", "100x75", "upscaling to within 100x100 with"}, {"-s", "3", "120x90", "upscaling x3 with"}};
        for (String[] c : cases) {
            Path out = dir.resolve("out-" + c[1] + ".png");
            Result r = run("upscale", "-d", "cpu", "-m", "mssn-s", "--no-progress", c[0], c[1], in.toString(), out.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains(c[3]), r.err());
            BufferedImage written = ImageIO.read(out.toFile());
            assertEquals(c[2], written.getWidth() + "x" + written.getHeight(), String.join(" ", c));
        }
        Path out = dir.resolve("refused.png");
        Result both = run("upscale", "-d", "cpu", "-m", "mssn-s", "-s", "3", "--fit", "100x100", in.toString(), out.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--scale, --size and --fit each set the output's size; give one of them"), both.err());
        Result malformed = run("upscale", "-d", "cpu", "-m", "mssn-s", "--size", "100by100", in.toString(), out.toString());
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("--size 100by100: expected WIDTHxHEIGHT in pixels, such as 1920x1080"), malformed.err());
        Result shrink = run("upscale", "-d", "cpu", "-m", "mssn-s", "-s", "0.5", in.toString(), out.toString());
        assertEquals(2, shrink.exit());
        assertTrue(shrink.err().contains("output scale must be a number of at least 1, got 0.5"), shrink.err());
        Result tooBig = run("upscale", "-d", "cpu", "-m", "mssn-s", "--fit", "20x20", in.toString(), out.toString());
        assertEquals(2, tooBig.exit());
        assertTrue(tooBig.err().contains("a 40x30 image is already larger than within 20x20"), tooBig.err());
        assertTrue(!Files.exists(out), "nothing written by the refusals");
    }

    @Test
    void aVideoIsUpscaledFrameByFrameWithItsSoundKept(@TempDir Path dir) throws IOException {
        Path in = dev.mssn.video.TestClips.clip(dir, "clip.mkv");
        Path out = dir.resolve("clip-x2.mkv");
        Result r = run("upscale", "-d", "cpu", "-m", "mssn-s", "--video-codec", "ffv1", in.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("mssn: " + dev.mssn.video.TestClips.FRAMES + " frames"), r.err());
        assertEquals(out.toString(), r.out().trim());
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals(48, g.getImageWidth());
            assertEquals("flac", g.getAudioCodecName());
            g.stop();
        }
        Result image = run("upscale", "-d", "cpu", "-m", "mssn-s", in.toString(), dir.resolve("still.png").toString());
        assertEquals(2, image.exit());
        assertTrue(image.err().contains("still.png: a video goes into a video file"), image.err());
        Result rate = run("upscale", "-d", "cpu", "-m", "mssn-s", "--video-bitrate", "fast", in.toString(), dir.resolve("o.mkv").toString());
        assertEquals(2, rate.exit());
        assertTrue(rate.err().contains("--video-bitrate fast: expected bits per second"), rate.err());
        assertEquals("frame 120/300 (40%), 12.0 fps, 15 s left", VideoProgressLine.line(120, 300, 10_000_000_000L));
        assertEquals("frame 7, 3.5 fps", VideoProgressLine.line(7, 0, 2_000_000_000L));
    }

    @Test
    void versionIsTheLibrarysOwn() {
        Result r = run("--version");
        assertEquals(0, r.exit());
        assertEquals("mssn " + dev.mssn.GpuSuperResolver.version(), r.out().trim());
    }

    @Test
    void devicesSaysWhatAutoPicksAndAProcessorRanksBelowTheCpuPath() {
        Requires.openCl();
        Result r = run("devices");
        assertEquals(0, r.exit(), r.err());
        boolean onlyProcessors = r.out().lines().filter(l -> l.startsWith("opencl:")).allMatch(l -> l.contains("| CPU |"));
        assertTrue(r.out().contains(onlyProcessors ? "auto picks: cpu" : "auto picks: opencl:"), r.out());
        assertEquals("OpenCL through jocl", r.out().lines().findFirst().orElse(""), r.out());
    }

    @Test
    void profileCountsEveryKernelAndTransferOfEveryTileAndWritesCsv(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        dev.mssn.engine.opencl.runtime.DeviceInfo device = Requires.openCl();
        Path csv = dir.resolve("out/profile.csv");
        Result r = run("profile", "-d", "opencl", "-m", "mssn-s", "--size", "20", "-t", "8", "--runs", "2", "--csv", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("device: opencl:"), r.out());
        dev.mssn.engine.opencl.tuning.TuningEntry tuning = dev.mssn.engine.opencl.tuning.TuningDatabase.load().lookup(device);
        assertTrue(r.out().contains("tuning: " + tuning.describe()), r.out());
        assertTrue(r.out().contains("build options: -DOUT_PER_ITEM=4; pointwise -DVW=" + tuning.pointwise().vw()), r.out());
        Matcher peak = Pattern.compile("(?m)^peak \\(peak.cl\\): (\\d+\\.\\d) GFLOP/s fp32 fma, (\\d+\\.\\d) GB/s copy$").matcher(r.out());
        assertTrue(peak.find(), r.out());
        double peakFlops = Double.parseDouble(peak.group(1));
        assertTrue(peakFlops > 0 && Double.parseDouble(peak.group(2)) > 0, r.out());
        assertTrue(r.out().contains("MSSN-S x2, fp32, 20x20, tiles of 8 px (9 per image), 2 runs"), r.out());
        int tiles = 9 * 2;
        dev.mssn.model.ModelSpec spec = dev.mssn.model.ModelSpec.of(dev.mssn.model.Variant.MSSN_S, 2);
        int units = spec.blocks() * dev.mssn.model.Variant.UNITS_PER_BLOCK;
        // launches per tile, from the network's structure (docs/mssn.md) and whether the entry fuses
        java.util.Map<String, Integer> perTile = new java.util.HashMap<>(java.util.Map.of("unpack_rgb_u8_normalise", 1,
                "conv_dense_bias_fast", 3, "conv1x1_project_fuse_fast", units, "fuse_residual", spec.blocks(),
                "pixel_shuffle_denorm_u8", 1, "upload", 1, "download", 1));
        if (tuning.expandDepthwise() != null) {
            perTile.put("mawru_expand_dw_relu6_fast", units);
        } else {
            perTile.put("conv1x1_expand_relu6_fast", units);
            perTile.put("dwconv3x3_relu6_fast", units);
        }
        List<String> rows = Files.readAllLines(csv);
        assertEquals(dev.mssn.cli.ProfileCommand.CSV_HEADER, rows.get(0));
        assertEquals(perTile.size() + 1, rows.size(), "a CSV row per command: " + rows);
        for (var e : perTile.entrySet()) {
            Matcher m = Pattern.compile("(?m)^" + e.getKey()
                    + " +(\\d+) +(\\d+\\.\\d{2}) +(\\d+\\.\\d) +(\\d+\\.\\d)% +(\\d+\\.\\d) +(\\d+\\.\\d) +(\\S+) +(\\S+)$").matcher(r.out());
            assertTrue(m.find(), e.getKey() + " missing from\n" + r.out());
            assertEquals(e.getValue() * tiles, Integer.parseInt(m.group(1)), e.getKey() + " launches");
            String row = rows.stream().filter(l -> l.contains("," + e.getKey() + ",")).findFirst().orElseThrow(() -> new AssertionError(e.getKey() + " not in " + rows));
            String[] f = row.substring(row.indexOf("," + e.getKey() + ",") + 1).split(",");
            assertEquals(e.getValue() * tiles, Integer.parseInt(f[1]), row);
            if (e.getKey().startsWith("conv")) {
                double gflops = Double.parseDouble(f[5]);
                assertTrue(gflops > 0, row);
                assertEquals(Double.parseDouble(m.group(5)), gflops, 0.06, "table and CSV agree: " + row);
                assertEquals(100 * gflops / Double.parseDouble(f[7]), Double.parseDouble(f[9]), 0.06 + gflops * 1e-3, "percent of peak: " + row);
            }
        }
        assertTrue(r.out().contains("device time "), r.out());

        Result javaPath = run("profile", "-d", "cpu", "--size", "8", "--runs", "1");
        assertEquals(2, javaPath.exit());
        assertTrue(javaPath.err().contains("pick an OpenCL device"), javaPath.err());
    }
}
