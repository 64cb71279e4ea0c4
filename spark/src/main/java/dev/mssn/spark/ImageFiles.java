package dev.mssn.spark;

import dev.mssn.GpuSuperResolver;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** The image files under some paths, as Spark's binaryFile source reads them. */
final class ImageFiles {

    /** A path ending in an extension the library reads, any case. */
    static final String PATTERN = "(?i).*\\.(" + GpuSuperResolver.fileFormats().stream().flatMap(f -> f.extensions().stream())
            .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining("|")) + ")$";

    private ImageFiles() {}

    static Dataset<Row> under(SparkSession spark, String... paths) {
        return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(paths)
                .filter(functions.col("path").rlike(PATTERN));
    }
}
