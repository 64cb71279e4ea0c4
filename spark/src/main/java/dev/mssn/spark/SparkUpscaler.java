package dev.mssn.spark;

import dev.mssn.Precision;
import dev.mssn.model.io.Models;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Upscales Datasets of image files on a Spark cluster.
 *
 * <pre>{@code
 * Dataset<Row> files = spark.read().format("binaryFile").load("hdfs:///photos");
 * Dataset<Row> big = SparkUpscaler.builder().optScale(2).build().upscale(files);
 * }</pre>
 *
 * <p>Each executor JVM builds one resolver per model, scale, device and precision, the first
 * time a task needs it, and every task on that executor shares it. When Spark assigns GPUs
 * ({@code spark.task.resource.gpu.amount}), a task runs on the OpenCL device its GPU address
 * names ({@code opencl:N}, as {@code mssn devices} numbers them and {@link GpuDiscovery}
 * reports them); otherwise on the builder's device ({@code auto} by default). An input that
 * fails (broken, too large, unsupported) gives a row with {@code error} set, never a failed job.
 */
public final class SparkUpscaler {

    /** One row per input: the PNG bytes and what made them, or the error. */
    public static final StructType RESULT_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("png", DataTypes.BinaryType, true),
        DataTypes.createStructField("width", DataTypes.IntegerType, true),
        DataTypes.createStructField("height", DataTypes.IntegerType, true),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("device", DataTypes.StringType, true),
        DataTypes.createStructField("millis", DataTypes.LongType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true)});

    private final UpscaleSettings settings;

    private SparkUpscaler(UpscaleSettings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public UpscaleSettings settings() {
        return settings;
    }

    /**
     * Upscales the rows of Spark's {@code binaryFile} source (columns {@code path} and
     * {@code content} are used) into rows of {@link #RESULT_SCHEMA}, lazily, as Datasets go.
     */
    public Dataset<Row> upscale(Dataset<Row> binaryFiles) {
        List<String> columns = List.of(binaryFiles.columns());
        if (!columns.contains("path") || !columns.contains("content")) {
            throw new IllegalArgumentException("expected the binaryFile source's columns path and content, got " + columns);
        }
        return binaryFiles.select("path", "content")
                .mapPartitions(new UpscalePartition(settings), Encoders.row(RESULT_SCHEMA));
    }

    /** Reads the files or folders (recursively) with the binaryFile source and upscales every image among them. */
    public Dataset<Row> upscale(SparkSession spark, String... paths) {
        return upscale(ImageFiles.under(spark, paths));
    }

    /** Builder with the library's defaults: mssn-m, x2, auto, fp32, 100 megapixels at most. */
    public static final class Builder {
        private String model = "mssn-m";
        private int scale = 2;
        private String device = "auto";
        private Precision precision = Precision.FP32;
        private long maxInputPixels = 100_000_000L;

        public Builder optModel(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        public Builder optScale(int scale) {
            this.scale = scale;
            return this;
        }

        /** The device of tasks Spark assigns no GPU to. */
        public Builder optDevice(String device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        public Builder optPrecision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        public Builder optMaxInputPixels(long maxInputPixels) {
            this.maxInputPixels = maxInputPixels;
            return this;
        }

        /** Checks the settings on the driver, so that a typo fails here and not in every task. */
        public SparkUpscaler build() {
            if (scale < 2 || scale > 4) {
                throw new IllegalArgumentException("scale must be 2, 3 or 4, got " + scale);
            }
            if (maxInputPixels < 1) {
                throw new IllegalArgumentException("the input pixel limit must be positive, got " + maxInputPixels);
            }
            // an embedded model's name is checked here; a weights file is the executors' to read,
            // since a path that exists on them may not exist on the driver
            boolean file = model.contains("/") || model.contains(".");
            if (!file && !Models.embedded(scale).contains(model.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("no embedded model '" + model + "' for x" + scale + "; embedded at x" + scale
                        + ": " + String.join(", ", Models.embedded(scale)) + ", or pass a .safetensors or .pt file");
            }
            return new SparkUpscaler(new UpscaleSettings(model, scale, device, precision, maxInputPixels));
        }
    }
}
