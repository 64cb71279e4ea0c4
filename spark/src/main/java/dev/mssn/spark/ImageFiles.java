package dev.mssn.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** The image files under some paths, as Spark's binaryFile source reads them. */
final class ImageFiles {

    /** The extensions the library reads. */
    static final String PATTERN = "(?i).*\\.(png|jpe?g|bmp|gif|tiff?)$";

    private ImageFiles() {}

    static Dataset<Row> under(SparkSession spark, String... paths) {
        return spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(paths)
                .filter(functions.col("path").rlike(PATTERN));
    }
}
