package dev.mssn.spark;

import dev.mssn.Precision;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The runnable job: upscales every image under IN into PNGs under OUT (same relative names)
 * and writes a manifest, {@code OUT/_manifest}: Spark's CSV output, a folder holding one
 * {@code part-*.csv} file with a header (path, output, width, height, bytes, model, device,
 * millis, error) and a {@code _SUCCESS} marker ({@link #readManifest} reads it). Runs on
 * {@code local[*]} unless a master is given or spark-submit sets one. Exits 0 when every image
 * was written, 2 when some failed or on bad usage (as {@code bin/mssn} does).
 *
 * <pre>
 * bin/mssn-spark [--master URL] [-s 2|3|4] [-m MODEL] [-d DEVICE] [-p fp32|fp16] [--max-megapixels N] [-f] IN OUT
 * spark-submit --class dev.mssn.spark.UpscaleJob mssn-spark-VERSION-job.jar [options] IN OUT
 * </pre>
 */
public final class UpscaleJob {

    static final String USAGE = "usage: mssn-spark [--master URL] [-s 2|3|4] [-m MODEL] [-d DEVICE] [-p fp32|fp16]"
            + " [--max-megapixels N] [-f] IN OUT";

    /** What a run did. */
    record Summary(long images, long errors, double seconds) {
        double imagesPerSecond() {
            return seconds > 0 ? images / seconds : 0;
        }
    }

    private UpscaleJob() {}

    public static void main(String[] args) {
        int exit;
        try {
            Options options = Options.parse(args);
            Summary s = run(options, System.out);
            exit = s.errors() == 0 ? 0 : 2;
        } catch (IllegalArgumentException e) {
            System.err.println("mssn-spark: " + e.getMessage());
            System.err.println(USAGE);
            exit = 2;
        }
        System.exit(exit);
    }

    static Summary run(Options o, PrintStream out) {
        SparkSession.Builder builder = SparkSession.builder().appName("mssn upscale");
        if (o.master() != null) {
            builder.master(o.master());
        } else if (!System.getProperties().containsKey("spark.master")) {
            builder.master("local[*]"); // spark-submit sets spark.master; a plain java run gets all cores
        }
        SparkSession spark = builder.getOrCreate();
        try {
            return run(spark, o, out);
        } finally {
            if (o.master() != null || !System.getProperties().containsKey("spark.master")) {
                spark.stop();
            }
        }
    }

    static Summary run(SparkSession spark, Options o, PrintStream out) {
        SparkUpscaler upscaler = SparkUpscaler.builder().optModel(o.model()).optScale(o.scale()).optDevice(o.device())
                .optPrecision(o.precision()).optMaxInputPixels(o.maxInputPixels()).build();
        Path inRoot = new Path(o.in());
        String inUri;
        try {
            inUri = inRoot.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(inRoot).toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot reach " + o.in() + ": " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        Dataset<Row> manifest = upscaler.upscale(spark, o.in())
                .mapPartitions(new WriteOutputs(inUri, o.out(), o.overwrite()), Encoders.row(WriteOutputs.MANIFEST_SCHEMA));
        String manifestDir = new Path(o.out(), "_manifest").toString();
        // repartition, not coalesce: coalesce(1) would pull the upscaling itself into a single task
        manifest.repartition(1).write().mode("overwrite").option("header", "true").csv(manifestDir);
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset<Row> written = readManifest(spark, o.out());
        long images = written.count();
        List<Row> errors = written.filter(functions.col("error").isNotNull()).select("path", "error").collectAsList();
        for (Row e : errors) {
            out.println("failed " + e.getString(0) + ": " + e.getString(1));
        }
        Summary s = new Summary(images, errors.size(), seconds);
        out.printf(Locale.ROOT, "%d images (%d failed) in %.1f s: %.2f images/s; manifest %s%n", images, errors.size(), seconds,
                s.imagesPerSecond(), manifestDir);
        return s;
    }

    /**
     * The manifest a run wrote under {@code out}, read through its part files, named one by one:
     * Spark's file index ignores a folder whose name starts with an underscore when given it whole,
     * and warns about a glob, each with a warning.
     */
    public static Dataset<Row> readManifest(SparkSession spark, String out) {
        Path dir = new Path(out, "_manifest");
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            String[] parts = Arrays.stream(fs.listStatus(dir, p -> p.getName().startsWith("part-")))
                    .map(f -> f.getPath().toString()).sorted().toArray(String[]::new);
            if (parts.length == 0) {
                throw new IllegalStateException(dir + " holds no part file");
            }
            return spark.read().option("header", "true").schema(WriteOutputs.MANIFEST_SCHEMA).csv(parts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + dir, e);
        }
    }

    /** The command line's options. */
    record Options(String master, int scale, String model, String device, Precision precision, long maxInputPixels,
                   boolean overwrite, String in, String out) {

        static Options parse(String... args) {
            String master = null;
            int scale = 2;
            String model = "mssn-m";
            String device = "auto";
            Precision precision = Precision.FP32;
            long maxPixels = 100_000_000L;
            boolean overwrite = false;
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--master" -> master = value(args, ++i, a);
                    case "-s", "--scale" -> scale = number(value(args, ++i, a), a);
                    case "-m", "--model" -> model = value(args, ++i, a);
                    case "-d", "--device" -> device = value(args, ++i, a);
                    case "-p", "--precision" -> precision = Precision.parse(value(args, ++i, a));
                    case "--max-megapixels" -> maxPixels = Math.round(Double.parseDouble(value(args, ++i, a)) * 1e6);
                    case "-f", "--force" -> overwrite = true;
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        paths.add(a);
                    }
                }
            }
            if (paths.size() != 2) {
                throw new IllegalArgumentException("IN and OUT are needed, got " + paths);
            }
            return new Options(master, scale, model, device, precision, maxPixels, overwrite, paths.get(0), paths.get(1));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String value, String option) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, got '" + value + "'");
            }
        }
    }
}
