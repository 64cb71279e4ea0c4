package dev.mssn.cli;

import dev.mssn.Cancellation;
import dev.mssn.GpuSuperResolver;
import dev.mssn.Precision;
import dev.mssn.image.AtomicFiles;
import dev.mssn.image.ImageFormat;
import dev.mssn.video.VideoFormats;
import dev.mssn.video.VideoOptions;
import dev.mssn.video.VideoUpscaler;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Upscales one image file, or every image in a folder into another folder. */
@Command(name = "upscale", mixinStandardHelpOptions = true,
        description = {"Upscale an image file, or every image file in a folder, with MSSN.",
                "IN a file: OUT is a file, or an existing folder to write IN's name into.",
                "IN a folder: its images (png, jpg, bmp, gif, tif, webp; not subfolders) go into folder OUT under the same names;"
                        + " a file that fails is reported and the rest go on (exit code 2 if any failed); an output that"
                        + " exists is skipped unless -f is given, and the run ends with what it wrote, skipped and failed."})
final class UpscaleCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--scale"}, paramLabel = "FACTOR", description = "2, 3 or 4 runs the network at that scale"
            + " (default: 2); any other factor of at least 1, such as 1.5 or 6, is reached by the smallest scale above it and"
            + " a Lanczos resampler")
    Double scale;

    @Option(names = "--size", paramLabel = "WxH", description = "output exactly this size, e.g. 1920x1080 (proportions as given)")
    String size;

    @Option(names = "--fit", paramLabel = "WxH", description = "output the largest size within this box that keeps each image's"
            + " proportions, e.g. 3840x2160")
    String fit;

    @Mixin
    ModelOptions options;

    @Option(names = {"-t", "--tile"}, defaultValue = "0", description = "LR tile side in pixels, at least 16; 0 = auto (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = {"-f", "--force"}, description = "overwrite outputs that exist")
    boolean force;

    @Option(names = "--max-megapixels", defaultValue = "100",
            description = "refuse inputs larger than this, from their header (default: ${DEFAULT-VALUE})")
    double maxMegapixels;

    @Option(names = "--seamless", description = "take each image for one tile of a repeating texture: its borders wrap"
            + " around, and the output tiles without seams")
    boolean seamless;

    @Option(names = "--quality", defaultValue = "95", description = "quality of JPEG and WebP outputs, 1 to 100; 100 makes WebP lossless"
            + " (default: ${DEFAULT-VALUE})")
    int quality;

    @Option(names = "--video-codec", paramLabel = "NAME", description = "FFmpeg encoder for video outputs (default: libopenh264"
            + " in .mp4/.mov, libsvtav1 in .mkv, libvpx-vp9 in .webm, mpeg4 in .avi; ffv1 is lossless)")
    String videoCodec;

    @Option(names = "--video-bitrate", paramLabel = "BITS", description = "bits per second of video outputs, e.g. 20M or 800k"
            + " (default: 0.1 bit per output pixel per frame)")
    String videoBitrate;

    @Option(names = "--no-progress", description = "no progress bar (it is drawn only on a terminal anyway)")
    boolean noProgress;

    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    private record Job(Path in, Path out) {}

    /** What a run did with its images: each counted once. */
    private static final class Outcome {
        int written;
        int skipped;
        int failed;

        /** One line for a folder run's end: only the counts there are, and what they mean. */
        String summary(int total) {
            List<String> parts = new ArrayList<>();
            parts.add(written + " of " + total + " images written");
            if (skipped > 0) {
                parts.add(skipped + " skipped (the output exists; -f replaces it)");
            }
            if (failed > 0) {
                parts.add(failed + " failed (above)");
            }
            return "mssn: " + String.join(", ", parts);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Job> jobs = plan();
        var err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err, !noProgress && System.console() != null);
        Outcome outcome;
        // Ctrl-C or SIGTERM: stop the tile's work (between rows on the CPU path, between units
        // of the network on OpenCL), remove the temporary output, then let the JVM go.
        Cancellation cancel = new Cancellation();
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread onInterrupt = new StopOnSignal(cancel, Thread.currentThread(), cleanedUp, StopOnSignal.DEFAULT_WAIT, err);
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            outcome = run(jobs, bar, cancel);
        } catch (CancellationException e) {
            // said before the hook lets the JVM go
            err.println("mssn: stopped; the unfinished output was not written");
            err.flush();
            return 1;
        } finally {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this thread, which is done now
            }
        }
        if (jobs.size() > 1) {
            err.println(outcome.summary(jobs.size()));
        }
        return outcome.failed > 0 ? MssnCommand.BAD_INPUT : 0;
    }

    /** The video encoding the options ask for. */
    private VideoOptions videoOptions() {
        return new VideoOptions(videoCodec, videoBitrate == null ? 0 : bitrate(videoBitrate));
    }

    /** "20M", "800k" or a plain number of bits per second. */
    private static long bitrate(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kKmM]?)").matcher(value);
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw new IllegalArgumentException("--video-bitrate " + value + ": expected bits per second, such as 20M, 800k or 5000000");
        }
        double unit = switch (m.group(2)) {
            case "k", "K" -> 1e3;
            case "m", "M" -> 1e6;
            default -> 1;
        };
        return Math.round(Double.parseDouble(m.group(1)) * unit);
    }

    /** The output size the options ask for: --size, --fit, or --scale (2, 3 or 4 the network's own, else a factor). */
    private GpuSuperResolver.Builder withOutputSize(GpuSuperResolver.Builder builder) {
        int given = (size != null ? 1 : 0) + (fit != null ? 1 : 0) + (scale != null ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("--scale, --size and --fit each set the output's size; give one of them");
        }
        if (size != null) {
            int[] box = dimensions("--size", size);
            return builder.optOutputSize(box[0], box[1]);
        }
        if (fit != null) {
            int[] box = dimensions("--fit", fit);
            return builder.optFitWithin(box[0], box[1]);
        }
        if (scale == null || scale == 2 || scale == 3 || scale == 4) {
            return builder.optScale(scale == null ? 2 : scale.intValue());
        }
        return builder.optOutputScale(scale);
    }

    private static int[] dimensions(String option, String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})[xX]([0-9]{1,9})").matcher(value);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
            throw new IllegalArgumentException(option + " " + value + ": expected WIDTHxHEIGHT in pixels, such as 1920x1080");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /**
     * Upscales every job, skipping those whose output exists (unless forced); a single job's
     * failure is thrown instead of counted.
     */
    private Outcome run(List<Job> jobs, ProgressBar bar, Cancellation cancel) throws IOException {
        var err = spec.commandLine().getErr();
        Outcome outcome = new Outcome();
        GpuSuperResolver.Builder builder = GpuSuperResolver.builder().optModel(options.model)
                .optDevice(options.device).optTileSize(tile).optPrecision(Precision.parse(options.precision)).optSelfEnsemble(options.tta)
                .optMaxInputPixels(Math.max(1, Math.round(maxMegapixels * 1e6))).optQuality(quality).optSeamless(seamless);
        try (GpuSuperResolver sr = withOutputSize(builder).build()) {
            String to = sr.outputSize().startsWith("x") ? sr.outputSize() : "to " + sr.outputSize();
            err.println("upscaling " + to + " with " + options.model + " on " + sr.device());
            err.flush();
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                bar.start((jobs.size() > 1 ? (i + 1) + "/" + jobs.size() + " " : "") + job.in().getFileName());
                if (!force && Files.exists(job.out())) {
                    // a single file was refused before anything started (plan); here, one that appeared since
                    if (jobs.size() == 1) {
                        throw new IllegalArgumentException(exists(job.out()));
                    }
                    outcome.skipped++;
                    err.println("mssn: " + job.out() + " exists; skipped");
                    continue;
                }
                try {
                    if (VideoFormats.isVideo(job.in())) {
                        long frames = new VideoUpscaler(sr, videoOptions()).upscale(job.in(), job.out(), force,
                                new VideoProgressLine(err, !noProgress && System.console() != null), cancel);
                        err.println("mssn: " + frames + " frames");
                    } else {
                        sr.upscale(job.in(), job.out(), bar, cancel, force ? REPLACE : KEEP);
                    }
                    outcome.written++;
                    spec.commandLine().getOut().println(job.out());
                } catch (CancellationException e) {
                    throw e;
                } catch (FileAlreadyExistsException e) {
                    // it appeared while this file was upscaled: left alone, like one there before
                    if (jobs.size() == 1) {
                        throw e;
                    }
                    outcome.skipped++;
                    err.println("mssn: " + e.getMessage() + "; skipped");
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // one bad file must not stop a folder run; the JVM is still usable after any of these
                    if (jobs.size() == 1) {
                        if (e instanceof OutOfMemoryError oom) {
                            throw outOfMemory(job, oom);
                        }
                        if (e instanceof IOException io) {
                            throw io;
                        }
                        throw (RuntimeException) e;
                    }
                    outcome.failed++;
                    String message = e instanceof OutOfMemoryError oom ? outOfMemory(job, oom).getMessage() : String.valueOf(e.getMessage());
                    // name the file once: most messages already start with it
                    err.println("mssn: " + (message.startsWith(job.in().toString()) ? message : job.in() + ": " + message));
                }
            }
        }
        return outcome;
    }

    private static final CopyOption[] REPLACE = {StandardCopyOption.REPLACE_EXISTING};
    private static final CopyOption[] KEEP = {};

    /** Said here, with the option's name, rather than by the library. */
    private static String exists(Path out) {
        return out + " exists; pass -f (--force) to replace it";
    }

    private static IllegalArgumentException outOfMemory(Job job, OutOfMemoryError e) {
        return new IllegalArgumentException(job.in() + ": not enough Java heap (" + e.getMessage()
                + "); give the JVM more with MSSN_JAVA_OPTS=-Xmx8g, or write a PNG, which is streamed");
    }

    private List<Job> plan() throws IOException {
        if (!(maxMegapixels > 0)) {
            throw new IllegalArgumentException("--max-megapixels must be positive, got " + maxMegapixels);
        }
        if (Files.isDirectory(in)) {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException(out + ": IN is a folder, so OUT must be a folder too");
            }
            List<Job> jobs = new ArrayList<>();
            try (Stream<Path> files = Files.list(in)) {
                // links to nothing, pipes and the like are jobs too, so that each is reported (and fails)
                files.filter(f -> !Files.isDirectory(f)).filter(UpscaleCommand::isImageName).sorted()
                        // resolved as a Path, not as text: a name the locale cannot spell stays intact
                        .forEach(f -> jobs.add(new Job(f, out.resolve(f.getFileName()))));
            }
            if (jobs.isEmpty()) {
                // said before OUT is created, so that a mistaken run leaves no empty folder
                throw new IllegalArgumentException(in + ": a folder with no image files (" + String.join(", ",
                        ImageFormat.allExtensions().stream().sorted().toList()) + ")");
            }
            Files.createDirectories(out);
            if (Files.isSameFile(in, out)) {
                throw new IllegalArgumentException(out + " is the input folder; the outputs would replace the inputs");
            }
            return jobs;
        }
        if (!Files.isRegularFile(in)) {
            throw new IOException(in + ": no such file or folder");
        }
        Job job = new Job(in, Files.isDirectory(out) ? out.resolve(in.getFileName()) : out);
        if (VideoFormats.isVideo(job.in()) != VideoFormats.isVideo(job.out())) {
            throw new IllegalArgumentException(VideoFormats.isVideo(job.in())
                    ? job.out() + ": a video goes into a video file (.mp4, .m4v, .mov, .mkv, .webm, .avi)"
                    : job.out() + ": a video file name, but " + in + " is not a video (.mp4, .m4v, .mov, .mkv, .webm, .avi)");
        }
        videoOptions(); // a bad codec or bitrate is refused before any work
        if (!force && Files.exists(job.out())) {
            throw new IllegalArgumentException(exists(job.out())); // before any work is announced
        }
        return List.of(job);
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && ImageFormat.allExtensions().contains(name.substring(name.lastIndexOf('.') + 1));
    }
}
