package dev.mssn.cli;

import dev.mssn.engine.Network;
import dev.mssn.engine.RgbImage;
import dev.mssn.engine.Storage;
import dev.mssn.engine.opencl.network.ClBackend;
import dev.mssn.engine.opencl.network.ClBackendProvider;
import dev.mssn.engine.opencl.profiling.DevicePeak;
import dev.mssn.engine.opencl.runtime.ClContext;
import dev.mssn.engine.opencl.runtime.DeviceInfo;
import dev.mssn.engine.opencl.runtime.KernelProfile;
import dev.mssn.engine.opencl.tuning.TuningEntry;
import dev.mssn.model.MssnParameters;
import dev.mssn.model.io.Models;
import dev.mssn.tiling.TileRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Device time of every kernel and transfer over whole tiled upscales of a synthetic image, from
 * OpenCL's profiling events, with each kernel's GFLOP/s and GB/s against the device's own peak
 * (measured by peak.cl): where the time goes on a given GPU, in a form that lines up across
 * vendors (--csv).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Time each OpenCL kernel and transfer (device clock) over tiled upscales of a synthetic image;"
                + " GFLOP/s, GB/s and percent of the device's measured peak per kernel.")
final class ProfileCommand implements Callable<Integer> {

    static final String CSV_HEADER = "device,driver,precision,model,size,tuning,command,launches,ms_per_image,mean_us,share_pct,"
            + "gflops,gbps,peak_gflops,peak_gbps,pct_peak_flops,pct_peak_bandwidth";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--csv", description = "also write the table as CSV to this file (one row per command)")
    Path csv;

    @Option(names = "--peak", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "measure the device's peak fma rate and copy bandwidth first; --no-peak skips it (default: ${DEFAULT-VALUE})")
    boolean peak;

    @Override
    public Integer call() throws Exception {
        workload.validate();
        MssnParameters params = MssnParameters.of(Models.load(options.model, workload.scale));
        Storage precision = Storage.parse(options.precision);
        RgbImage lr = workload.image();
        PrintWriter out = spec.commandLine().getOut();
        KernelProfile profile = new KernelProfile();
        String device = options.device.equals("auto") ? "opencl" : options.device;
        DeviceInfo info = ClBackendProvider.device(device);
        DevicePeak measured = null;
        if (peak) {
            try (ClContext ctx = new ClContext(info, profile)) {
                measured = DevicePeak.measure(ctx, profile);
            }
            profile.reset();
        }
        try (ClBackend backend = new ClBackend(info, profile); Network net = backend.load(params, precision)) {
            int side = workload.tileSide(backend, params.spec(), precision);
            int tiles = TileRunner.tileCount(workload.width, workload.height, side);
            TuningEntry tuning = backend.tuning();
            out.println("device: " + info.describe() + ", " + info.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            out.println("tuning: " + tuning.describe());
            out.println("build options: " + backend.buildOptions(precision));
            if (measured != null) {
                out.println(String.format(Locale.ROOT, "peak (peak.cl): %.1f GFLOP/s fp32 fma, %.1f GB/s copy", measured.gflops(),
                        measured.gigabytesPerSecond()));
            }
            out.println(String.format(Locale.ROOT, "%s, %s, %dx%d, tiles of %d px (%d per image), %d runs", params.spec(),
                    precision.name().toLowerCase(Locale.ROOT), workload.width, workload.height, side, tiles, workload.runs));
            TileRunner.upscale(net, lr, side, () -> { }, () -> false); // warm-up: kernels built, buffers allocated
            profile.reset();
            long start = System.nanoTime();
            for (int r = 0; r < workload.runs; r++) {
                TileRunner.upscale(net, lr, side, () -> { }, () -> false);
            }
            double wallMs = (System.nanoTime() - start) / 1e6 / workload.runs;
            List<KernelProfile.Entry> entries = new ArrayList<>(profile.collect());
            entries.sort(Comparator.comparingLong(KernelProfile.Entry::totalNanos).reversed());
            print(out, entries, measured, wallMs, workload.runs);
            if (csv != null) {
                writeCsv(csv, entries, measured, info, tuning, precision, params, workload.runs);
                out.println("wrote " + csv);
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, List<KernelProfile.Entry> entries, DevicePeak peak, double wallMs, int runs) {
        long total = entries.stream().mapToLong(KernelProfile.Entry::totalNanos).sum();
        out.println(String.format(Locale.ROOT, "%-28s %9s %12s %12s %7s %9s %8s %7s %7s", "command", "launches", "ms per image",
                "mean us", "share", "GFLOP/s", "GB/s", "%flops", "%bw"));
        for (KernelProfile.Entry e : entries) {
            out.println(String.format(Locale.ROOT, "%-28s %9d %12.2f %12.1f %6.1f%% %9.1f %8.1f %7s %7s", e.name(), e.launches(),
                    e.totalNanos() / 1e6 / runs, e.meanMicros(), 100.0 * e.totalNanos() / Math.max(1, total), e.gflops(),
                    e.gigabytesPerSecond(), percent(e.gflops(), peak == null ? 0 : peak.gflops()),
                    percent(e.gigabytesPerSecond(), peak == null ? 0 : peak.gigabytesPerSecond())));
        }
        out.println(String.format(Locale.ROOT, "device time %.2f ms per image (commands summed), wall time %.2f ms per image",
                total / 1e6 / runs, wallMs));
    }

    private static String percent(double value, double peak) {
        return peak <= 0 || value <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100 * value / peak);
    }

    private void writeCsv(Path file, List<KernelProfile.Entry> entries, DevicePeak peak, DeviceInfo info, TuningEntry tuning,
                          Storage precision, MssnParameters params, int runs) {
        long total = entries.stream().mapToLong(KernelProfile.Entry::totalNanos).sum();
        StringBuilder text = new StringBuilder(CSV_HEADER).append('\n');
        for (KernelProfile.Entry e : entries) {
            double peakFlops = peak == null ? 0 : peak.gflops();
            double peakBw = peak == null ? 0 : peak.gigabytesPerSecond();
            text.append(String.join(",", quote(info.name().trim()), quote(info.driverVersion().trim()),
                    precision.name().toLowerCase(Locale.ROOT), quote(params.spec().toString()), workload.width + "x" + workload.height,
                    quote(tuning.key()), quote(e.name()), String.valueOf(e.launches()),
                    String.format(Locale.ROOT, "%.3f,%.1f,%.2f,%.2f,%.2f,%.1f,%.1f,%s,%s", e.totalNanos() / 1e6 / runs, e.meanMicros(),
                            100.0 * e.totalNanos() / Math.max(1, total), e.gflops(), e.gigabytesPerSecond(), peakFlops, peakBw,
                            percent(e.gflops(), peakFlops).replace("-", ""), percent(e.gigabytesPerSecond(), peakBw).replace("-", ""))))
                    .append('\n');
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("writing " + file, ex);
        }
    }

    /** A CSV field, quoted when it holds a comma or a quote. */
    static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
