package dev.mssn.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's fp32 peak as Java reaches it: sixteen independent chains of fused
 * multiply-adds on the widest vectors, in registers, on every core at once. One call does
 * {@link #FLOPS_PER_CALL} flops, so a score of t ms/op per thread is FLOPS_PER_CALL / t / 1e6
 * GFLOP/s per core; docs/performance.md reports the CPU path as a share of this.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(Threads.MAX)
public class PeakFlopsBenchmark {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int ITERATIONS = 1 << 20;
    /** 16 chains x lanes x 2 flops per iteration. */
    public static final long FLOPS_PER_CALL = 16L * S.length() * 2 * ITERATIONS;

    private float multiplier = 0.999999f;
    private float addend = 1e-7f;

    @Benchmark
    public float fmaChains() {
        FloatVector m = FloatVector.broadcast(S, multiplier);
        FloatVector c = FloatVector.broadcast(S, addend);
        FloatVector a0 = FloatVector.broadcast(S, 1f);
        FloatVector a1 = a0.add(1f);
        FloatVector a2 = a0.add(2f);
        FloatVector a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f);
        FloatVector a5 = a0.add(5f);
        FloatVector a6 = a0.add(6f);
        FloatVector a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f);
        FloatVector a9 = a0.add(9f);
        FloatVector a10 = a0.add(10f);
        FloatVector a11 = a0.add(11f);
        FloatVector a12 = a0.add(12f);
        FloatVector a13 = a0.add(13f);
        FloatVector a14 = a0.add(14f);
        FloatVector a15 = a0.add(15f);
        for (int i = 0; i < ITERATIONS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
            a12 = a12.fma(m, c);
            a13 = a13.fma(m, c);
            a14 = a14.fma(m, c);
            a15 = a15.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12)
                .add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }
}
