package dev.mssn.engine.opencl.runtime;

import dev.mssn.engine.opencl.binding.ClBinding;
import dev.mssn.engine.opencl.binding.ClCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Device-side times of every command a profiled {@link ClContext} runs: kernels by name,
 * uploads and downloads. Events are kept (retained) until {@link #collect} reads their start
 * and end stamps from the device, so recording costs the enqueueing thread nothing.
 */
public final class KernelProfile {

    /** One command kind: how often it ran, its summed device time and the work it did (see {@link Work}). */
    public record Entry(String name, int launches, long totalNanos, long flops, long bytes) {
        public double meanMicros() {
            return totalNanos / 1e3 / launches;
        }

        public double gflops() {
            return totalNanos == 0 ? 0 : (double) flops / totalNanos;
        }

        public double gigabytesPerSecond() {
            return totalNanos == 0 ? 0 : (double) bytes / totalNanos;
        }
    }

    private record Pending(ClBinding cl, String name, ClBinding.Event event, Work work) {}

    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private final Map<String, Entry> fastest = new LinkedHashMap<>();

    synchronized void record(ClBinding cl, String name, ClBinding.Event event, Work work) {
        cl.retain(event);
        pending.add(new Pending(cl, name, event, work));
    }

    /** Waits for the recorded commands, adds their times to the totals and returns all totals so far. */
    public synchronized List<Entry> collect() {
        for (Pending p : pending) {
            ClStatus.check(p.cl().waitFor(p.event()), "clWaitForEvents", "profile");
            long start = stamp(p, ClCodes.CL_PROFILING_COMMAND_START);
            long end = stamp(p, ClCodes.CL_PROFILING_COMMAND_END);
            p.cl().release(p.event());
            long[] t = totals.computeIfAbsent(p.name(), n -> new long[4]);
            t[0]++;
            t[1] += end - start;
            t[2] += p.work().flops();
            t[3] += p.work().bytes();
            Entry one = new Entry(p.name(), 1, end - start, p.work().flops(), p.work().bytes());
            fastest.merge(p.name(), one, (a, b) -> a.totalNanos() <= b.totalNanos() ? a : b);
        }
        pending.clear();
        List<Entry> entries = new ArrayList<>();
        totals.forEach((name, t) -> entries.add(new Entry(name, (int) t[0], t[1], t[2], t[3])));
        return entries;
    }

    /** Waits for the recorded commands and returns the fastest single launch of each command so far. */
    public synchronized List<Entry> collectFastest() {
        collect();
        return new ArrayList<>(fastest.values());
    }

    /** Forgets everything recorded (after a warm-up, say). */
    public synchronized void reset() {
        collect();
        totals.clear();
        fastest.clear();
    }

    private static long stamp(Pending p, int which) {
        int[] err = new int[1];
        long value = p.cl().profilingInfo(p.event(), which, err);
        ClStatus.check(err[0], "clGetEventProfilingInfo", "profile");
        return value;
    }
}
