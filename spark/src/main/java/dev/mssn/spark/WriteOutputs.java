package dev.mssn.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes each result's PNG under the output folder at the input's path relative to the input
 * folder, extension replaced by .png, through Hadoop's file systems (a local or shared folder,
 * HDFS, an object store), and turns the row into its manifest line. A file appears whole or
 * not at all (written under a hidden name, then renamed); an existing output is an error row
 * unless {@code overwrite}.
 */
final class WriteOutputs implements MapPartitionsFunction<Row, Row> {

    static final StructType MANIFEST_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("output", DataTypes.StringType, true),
        DataTypes.createStructField("width", DataTypes.IntegerType, true),
        DataTypes.createStructField("height", DataTypes.IntegerType, true),
        DataTypes.createStructField("bytes", DataTypes.LongType, true),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("device", DataTypes.StringType, true),
        DataTypes.createStructField("millis", DataTypes.LongType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true)});

    private final String inputRoot;
    private final String outputRoot;
    private final boolean overwrite;

    /** @param inputRoot the input folder as a qualified Hadoop path (file:/..., hdfs://...), as Spark names files */
    WriteOutputs(String inputRoot, String outputRoot, boolean overwrite) {
        this.inputRoot = inputRoot.endsWith("/") ? inputRoot : inputRoot + "/";
        this.outputRoot = outputRoot;
        this.overwrite = overwrite;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> results) {
        Configuration conf = new Configuration();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return results.hasNext();
            }

            @Override
            public Row next() {
                return write(results.next(), conf);
            }
        };
    }

    private Row write(Row r, Configuration conf) {
        String path = r.getString(0);
        byte[] png = (byte[]) r.get(1);
        String error = r.getString(7);
        String output = null;
        Long bytes = null;
        if (error == null) {
            Path target = new Path(outputRoot, relativePng(path));
            output = target.toString();
            try {
                writeWhole(target, png, conf);
                bytes = (long) png.length;
            } catch (IOException | RuntimeException e) {
                error = "cannot write " + target + ": " + e.getMessage();
                output = null;
            }
        }
        return RowFactory.create(path, output, r.get(2), r.get(3), bytes, r.getString(4), r.getString(5), r.getLong(6), error);
    }

    /** "a/b/c.jpg" under the input root becomes "a/b/c.png". Both go through Hadoop's Path, which quotes spaces and the like alike. */
    String relativePng(String path) {
        URI root = new Path(inputRoot).toUri();
        String relative = root.relativize(new Path(path).toUri()).getPath();
        if (relative.startsWith("/")) {
            throw new IllegalArgumentException(path + " is not under " + inputRoot);
        }
        int slash = relative.lastIndexOf('/');
        int dot = relative.lastIndexOf('.');
        return (dot > slash ? relative.substring(0, dot) : relative) + ".png";
    }

    private void writeWhole(Path target, byte[] png, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRawFileSystem(); // no .crc files beside the images
        }
        if (fs.exists(target) && !overwrite) {
            throw new IOException("it exists (-f replaces it)");
        }
        Path partial = new Path(target.getParent(), "." + target.getName() + ".partial");
        try (OutputStream out = fs.create(partial, true)) {
            out.write(png);
        }
        if (overwrite) {
            fs.delete(target, false);
        }
        if (!fs.rename(partial, target)) {
            fs.delete(partial, false);
            throw new IOException("rename of " + partial + " failed");
        }
    }
}
