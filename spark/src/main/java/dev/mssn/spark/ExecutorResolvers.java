package dev.mssn.spark;

import dev.mssn.GpuSuperResolver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The resolvers of this JVM (one Spark executor, or the driver in local mode): one per model,
 * scale, device and precision, built on first use, shared by every task the executor runs
 * (the resolver is thread-safe) and closed when the JVM ends.
 */
final class ExecutorResolvers {

    private record Key(String model, int scale, String device, String precision, long maxInputPixels) {}

    private static final Map<Key, GpuSuperResolver> RESOLVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger CREATED = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorResolvers::closeAll, "mssn-close-resolvers"));
    }

    private ExecutorResolvers() {}

    static GpuSuperResolver get(UpscaleSettings settings, String device) {
        Key key = new Key(settings.model(), settings.scale(), device, settings.precision().name(), settings.maxInputPixels());
        return RESOLVERS.computeIfAbsent(key, k -> {
            CREATED.incrementAndGet();
            return GpuSuperResolver.builder().optModel(k.model()).optScale(k.scale()).optDevice(k.device())
                    .optPrecision(settings.precision()).optMaxInputPixels(k.maxInputPixels()).build();
        });
    }

    /** How many resolvers this JVM has built so far. */
    static int created() {
        return CREATED.get();
    }

    static void closeAll() {
        RESOLVERS.values().forEach(GpuSuperResolver::close);
        RESOLVERS.clear();
    }
}
