package dev.mssn.spark;

import dev.mssn.GpuSuperResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Upscales the images of one partition on this executor's resolver. Each row of Spark's
 * {@code binaryFile} source becomes one result row; an image that cannot be upscaled (broken,
 * too large, unsupported) becomes a row with the error, never a failed task. The PNG is the
 * one {@code bin/mssn upscale} writes: the library's own file path (streamed PNG, grey, alpha,
 * 16 bits and ICC profiles kept), through a scratch folder of the executor.
 */
final class UpscalePartition implements MapPartitionsFunction<Row, Row> {

    private final UpscaleSettings settings;

    UpscalePartition(UpscaleSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) throws IOException {
        String device = settings.deviceFor(assignedGpus());
        Path scratch = Files.createTempDirectory("mssn-spark");
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = files.hasNext();
                if (!more) {
                    deleteQuietly(scratch);
                }
                return more;
            }

            @Override
            public Row next() {
                return upscale(files.next(), device, scratch);
            }
        };
    }

    private Row upscale(Row file, String device, Path scratch) {
        String path = file.getString(file.fieldIndex("path"));
        long start = System.nanoTime();
        Path in = scratch.resolve("in" + extension(path));
        Path out = scratch.resolve("out.png");
        try {
            Files.write(in, (byte[]) file.get(file.fieldIndex("content")));
            GpuSuperResolver sr = ExecutorResolvers.get(settings, device);
            sr.upscale(in, out, StandardCopyOption.REPLACE_EXISTING); // tasks overlap on a GPU and take turns on the CPU path (the resolver decides)
            byte[] png = Files.readAllBytes(out);
            return RowFactory.create(path, png, PngSize.width(png), PngSize.height(png), settings.model(), sr.device(),
                    millisSince(start), null);
        } catch (Exception | OutOfMemoryError e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return RowFactory.create(path, null, null, null, settings.model(), device, millisSince(start),
                    message.replace(in.toString(), path));
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
        }
    }

    /** The GPU addresses Spark assigned to this task (spark.task.resource.gpu.amount), if any. */
    private static String[] assignedGpus() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return null;
        }
        Map<String, ResourceInformation> resources = task.resourcesJMap();
        ResourceInformation gpu = resources.get("gpu");
        return gpu == null ? null : gpu.addresses();
    }

    /** The input's extension, so that the library sees the same name a file on disk would have. */
    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot) : "";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a scratch file of a finished image; the temporary folder is the system's to clean
        }
    }
}
