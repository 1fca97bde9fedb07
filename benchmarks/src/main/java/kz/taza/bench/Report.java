package kz.taza.bench;

import java.io.PrintStream;
import java.util.List;

/** The table the tool prints: yardsticks, absolute rates, ratios against the targets of docs/architecture.md, the machine. */
final class Report {

    static final double THROUGHPUT_TARGET = 0.60;
    static final long P99_TARGET_MICROS = 200_000;

    private Report() {
    }

    static void print(PrintStream out, Harness.Result r, Machine before, Machine after, String broker,
            double wallSeconds) {
        String line = "-".repeat(100);
        out.println();
        out.println(line);
        out.println("Taza emission pipeline benchmark");
        out.println(line);
        out.printf("machine      : %d cores, JVM max heap %d MiB, %s, %s%n", before.cores(), before.maxHeapMiB(),
                before.java(), before.os());
        out.printf("load average : %s at start, %s at end (1/5/15 min; the machine is shared, figures are noisy)%n",
                before.loadAverage(), after.loadAverage());
        out.printf("broker       : %s%n", broker);
        out.printf("workload     : %,d readings (%d series), 6 partitions, ~%d-byte Avro single-object records%n",
                r.readings(), r.series(), 200);
        out.printf("run time     : %.0f s%n", wallSeconds);
        out.println(line);
        out.println("Yardsticks (same broker, same run)");
        out.printf("  %-58s %,12.0f records/s%n", "raw produce (acks=all, idempotent, linger 5 ms, 64 KiB)",
                r.produceYardstick());
        out.printf("  %-58s %,12.0f records/s%n", "reading load (Avro encoding + the same producer)", r.loadRate());
        printRounds(out, "minimal Avro stateful app (EOS v2, RocksDB sum)", r.baseline());
        out.printf("  %-58s %12.2f  (0.42 once on an idle machine)%n", "  stateful app / raw produce",
                Stats.ratio(r.lastBaseline().rate(), r.produceYardstick()));
        if (r.passThroughLatency() != null) {
            printLatency(out, "pass-through EOS v2 app, produce -> read_committed", r.passThroughLatency());
            out.printf("  %-58s %s%n", "", "(once at half load on an idle machine: p50 65 ms, p99 122 ms)");
        }
        out.println(line);
        out.println("Emission pipeline (validation -> limit join -> exceedance detection -> KPIs, EOS v2)");
        if (!r.pipelineOverrides().isEmpty()) {
            out.printf("  EXPERIMENT: pipeline run with Streams settings the service does not use: %s%n",
                    r.pipelineOverrides());
        }
        printRounds(out, "pipeline throughput", r.pipeline());
        printLatency(out, "reading -> exceedance visible (read_committed)", r.pipelineLatency());
        out.println(line);
        out.println("Targets (docs/architecture.md)");
        double ratio = r.ratio();
        out.printf("  %-58s %12.2f  target >= %.2f  %s%n", "throughput: pipeline / stateful app (last round)", ratio,
                THROUGHPUT_TARGET, ratio >= THROUGHPUT_TARGET ? "MET" : "NOT MET");
        Stats.Latencies l = r.pipelineLatency().micros();
        out.printf("  %-58s %9.1f ms  target < %d ms  %s%n", "p99 reading -> exceedance at " + percent(
                r.pipelineLatency().targetRate(), r.lastPipeline().rate()) + " of pipeline max", l.p99() / 1000.0,
                P99_TARGET_MICROS / 1000, l.isEmpty() ? "NO SAMPLES" : l.p99() < P99_TARGET_MICROS ? "MET" : "NOT MET");
        out.println(line);
        Harness.Checks c = r.checks();
        out.println("Checks (whole run, every round)");
        out.printf("  ThresholdExceeded %,d of %,d expected; ExceedanceEnded %,d of %,d; rejected readings %,d of %,d;"
                + " KPI values published %,d%n", c.seenStarted(), c.expectedStarted(), c.seenEnded(),
                c.expectedEnded(), c.seenRejected(), c.expectedRejected(), c.kpiValues());
        out.printf("  rejections by rule: %s (expected: NEGATIVE_CONCENTRATION only)%n", c.rejectionReasons());
        out.printf("  baseline processed %,d of %,d readings in its last round%n", c.baselineProcessed(),
                c.baselineExpected());
        out.printf("  %s%n", c.allMatch() ? "all as constructed" : "MISMATCH: the figures above are not trustworthy");
        out.println(line);
    }

    private static void printRounds(PrintStream out, String label, List<Harness.Throughput> rounds) {
        for (Harness.Throughput t : rounds) {
            out.printf("  %-58s %,12.0f readings/s  (%.2f s after RUNNING at %.2f s)%s%n",
                    label + " round " + t.round(), t.rate(), t.measuredNanos() / 1e9, t.startToRunningNanos() / 1e9,
                    t.round() < rounds.size() ? "  warm-up" : "");
            out.printf("  %-58s %s%n", "", "stream thread: " + t.threadTime());
        }
    }

    private static void printLatency(PrintStream out, String label, Harness.Latency l) {
        Stats.Latencies m = l.micros();
        out.printf("  %-58s at %,.0f/s (sent %,.0f/s): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label, l.targetRate(), l.sentRate(), m.p50() / 1000.0, m.p95() / 1000.0, m.p99() / 1000.0,
                m.max() / 1000.0);
        out.printf("  %-58s %,d samples; %,d of %,d expected records arrived%n", "", m.count(), l.received(),
                l.expected());
    }

    private static String percent(double part, double whole) {
        return String.format("%.0f%%", 100 * Stats.ratio(part, whole));
    }
}
