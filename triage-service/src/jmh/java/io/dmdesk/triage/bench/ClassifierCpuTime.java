package io.dmdesk.triage.bench;

import io.dmdesk.triage.classify.Classification;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.Arrays;

/**
 * The same four workloads as {@link ClassifierBenchmark}, counted per second of this thread's CPU time instead of
 * wall time: messages per second per core, which holds on a shared machine where other processes take the cores
 * (JMH's wall-clock throughput then measures the neighbours). Warms up first, then runs each workload for a fixed
 * CPU time, several rounds, and prints every round with the load average. Run with the {@code jmh} profile:
 * {@code -Djmh.main=io.dmdesk.triage.bench.ClassifierCpuTime} (README).
 */
public final class ClassifierCpuTime {

    private ClassifierCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ClassifierBenchmark b = new ClassifierBenchmark();
        b.setUp();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String[] names = {"shortDm", "piiHeavy", "corpusMix", "rulesOnlyCorpusMix"};
        @SuppressWarnings("unchecked")
        Supplier<Classification>[] work = new Supplier[] {b::shortDm, b::piiHeavy, b::corpusMix, b::rulesOnlyCorpusMix};
        for (Supplier<Classification> w : work) {
            run(cpu, w, 4e9); // warm-up: 4 s of CPU each
        }
        System.out.printf(Locale.ROOT, "load average at start: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < names.length; i++) {
            double[] rates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                rates[r] = run(cpu, work[i], seconds * 1e9);
            }
            Arrays.sort(rates);
            System.out.printf(Locale.ROOT, "%-20s median %,9.0f msgs per CPU-second (min %,9.0f max %,9.0f, %d rounds of %.0f s)%n",
                    names[i], rates[rounds / 2], rates[0], rates[rounds - 1], rounds, seconds);
        }
        System.out.printf(Locale.ROOT, "load average at end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Messages per second of this thread's CPU time, over about {@code cpuNanos} of it. */
    private static double run(ThreadMXBean cpu, Supplier<Classification> work, double cpuNanos) {
        long start = cpu.getCurrentThreadCpuTime();
        long n = 0;
        int sink = 0;
        long used;
        do {
            for (int k = 0; k < 200; k++) {
                sink += work.get().reasons().size();
            }
            n += 200;
            used = cpu.getCurrentThreadCpuTime() - start;
        } while (used < cpuNanos);
        if (sink == 42) {
            System.out.print("");
        }
        return n / (used / 1e9);
    }
}
