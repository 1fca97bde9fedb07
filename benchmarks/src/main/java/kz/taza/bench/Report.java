package kz.taza.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * The table the tool prints: yardsticks, absolute rates, CPU and memory, where the stream thread's time goes, ratios
 * against the targets of docs/architecture.md (issue 16's), the machine.
 */
final class Report {

    static final double THROUGHPUT_TARGET = 0.60;
    static final double LATENCY_RATIO_TARGET = 1.25;
    static final long USER_RATE_P99_TARGET_MICROS = 250_000;
    static final long REST_P99_TARGET_MICROS = 400_000;
    private static final int TOP_METHODS = 8;

    private Report() {
    }

    static void print(PrintStream out, Harness.Result r, Machine before, Machine after, String broker,
            double wallSeconds) {
        String line = "-".repeat(110);
        out.println();
        out.println(line);
        out.println("Taza emission pipeline benchmark");
        out.println(line);
        out.printf("machine      : %d cores, %s, %s%n", before.cores(), before.java(), before.os());
        out.printf("load average : %s at start, %s at end (1/5/15 min; the machine is shared, figures are noisy)%n",
                before.loadAverage(), after.loadAverage());
        out.printf("broker       : %s%n", broker);
        out.printf("workload     : %,d readings (%d series), 6 partitions, ~%d-byte Avro single-object records; %d "
                + "instance(s) per application, each a process of its own%n", r.readings(), r.series(),
                KafkaPerfTools.RECORD_SIZE, r.instances());
        out.printf("run time     : %.0f s%n", wallSeconds);
        out.println(line);
        out.println("Yardsticks (same broker, same run, after a warm-up of the broker)");
        out.printf("  %-62s %,12.0f records/s  (p50 %d ms, p99 %d ms)%n",
                "raw produce: Kafka's ProducerPerformance (200 B, acks=all, idempotent, linger 5 ms, 64 KiB)",
                r.produce().recordsPerSecond(), r.produce().p50Ms(), r.produce().p99Ms());
        out.printf("  %-62s %,12.0f records/s  (%,.0f/s while fetching)%n", "raw consume: Kafka's ConsumerPerformance",
                r.consume().recordsPerSecond(), r.consume().fetchRecordsPerSecond());
        out.printf("  %-62s %,12.0f records/s%n", "reading load (Avro encoding + the readings' producer)", r.loadRate());
        printRounds(out, "minimal Avro stateful app (EOS v2, RocksDB sum)", r.baseline());
        out.printf("  %-62s %12.2f  (0.42 once on an idle machine)%n", "  stateful app / raw produce",
                Stats.ratio(r.lastBaseline().rate(), r.produce().recordsPerSecond()));
        if (r.passThrough() != null) {
            printLatency(out, "pass-through EOS v2 app, produce -> read_committed", r.passThrough());
            out.printf("  %-62s %s%n", "", "(once on a faster machine at half load: p50 65 ms, p99 122 ms)");
        }
        out.println(line);
        out.println("Emission pipeline (validation -> limit join -> exceedance detection -> KPIs, EOS v2)");
        if (!r.pipelineOverrides().isEmpty()) {
            out.printf("  EXPERIMENT: pipeline run with Streams settings the service does not use: %s%n",
                    r.pipelineOverrides());
        }
        printRounds(out, "pipeline throughput", r.pipeline());
        printLatency(out, "reading -> exceedance visible (read_committed)", r.pipelineAtHalf());
        printLatency(out, "reading -> exceedance visible, user rate", r.pipelineAtUserRate());
        if (r.rest() != null) {
            printLatency(out, "HTTP POST -> exceedance visible (" + r.rest().app() + ")", r.rest());
        }
        out.println(line);
        out.println("Targets (docs/architecture.md; measured here, as ratios of one run, never asserted in a test)");
        double ratio = r.ratio();
        out.printf("  %-62s %12.2f  target >= %.2f    %s%n", "throughput: pipeline / stateful app (last round)", ratio,
                THROUGHPUT_TARGET, verdict(ratio >= THROUGHPUT_TARGET, ratio / THROUGHPUT_TARGET));
        Stats.Latencies half = r.pipelineAtHalf().result().micros();
        if (r.passThrough() != null) {
            Stats.Latencies yardstick = r.passThrough().result().micros();
            double latencyRatio = Stats.ratio(half.p99(), yardstick.p99());
            out.printf("  %-62s %12.2f  target <= %.2f    %s%n", "p99 reading -> exceedance / pass-through p99, at "
                    + percent(r.pipelineAtHalf().targetRate(), r.lastPipeline().rate()) + " of pipeline max",
                    latencyRatio, LATENCY_RATIO_TARGET, half.isEmpty() || yardstick.isEmpty() ? "NO SAMPLES"
                            : verdict(latencyRatio <= LATENCY_RATIO_TARGET, LATENCY_RATIO_TARGET / latencyRatio));
        }
        printP99Target(out, "p99 reading -> exceedance at 1,000 readings/s", r.pipelineAtUserRate(),
                USER_RATE_P99_TARGET_MICROS);
        if (r.rest() != null) {
            printP99Target(out, "p99 HTTP POST -> exceedance at 1,000 readings/s", r.rest(), REST_P99_TARGET_MICROS);
        }
        out.println(line);
        Harness.Checks c = r.checks();
        out.println("Checks (whole run, every round and phase)");
        out.printf("  ThresholdExceeded %,d of %,d expected; ExceedanceEnded %,d of %,d; rejected readings %,d of %,d;"
                + " KPI values published %,d%n", c.seenStarted(), c.expectedStarted(), c.seenEnded(),
                c.expectedEnded(), c.seenRejected(), c.expectedRejected(), c.kpiValues());
        out.printf("  rejections by rule: %s (expected: NEGATIVE_CONCENTRATION only)%n", c.rejectionReasons());
        out.printf("  baseline processed %,d of %,d readings in its last round%n", c.baselineProcessed(),
                c.baselineExpected());
        c.phaseProblems().forEach(problem -> out.printf("  MISMATCH: %s%n", problem));
        out.printf("  %s%n", c.allMatch() ? "all as constructed" : "MISMATCH: the figures above are not trustworthy");
        out.println(line);
    }

    private static void printRounds(PrintStream out, String label, List<Harness.Throughput> rounds) {
        for (Harness.Throughput t : rounds) {
            out.printf("  %-62s %,12.0f readings/s  (%.2f s after RUNNING at %.2f s)%s%n",
                    label + " round " + t.round(), t.rate(), t.measuredNanos() / 1e9, t.startToRunningNanos() / 1e9,
                    t.round() < rounds.size() ? "  warm-up" : "");
            out.printf("  %-62s %.1f CPU s per million readings; resident memory %s (peak %s)%n", "",
                    t.cpuSecondsPerMillion(), mib(t.rssBytes()), mib(t.peakRssBytes()));
            if (t.profile().samples() > 0) {
                out.printf("  %-62s %s%n", "", "stream thread (JFR): " + t.profile());
                for (String method : t.profile().top(TOP_METHODS)) {
                    out.printf("  %-62s     %s%n", "", method);
                }
            }
        }
    }

    private static void printLatency(PrintStream out, String label, Harness.Latency l) {
        LatencyProbe.Result r = l.result();
        Stats.Latencies m = r.micros();
        out.printf("  %-62s at %,.0f/s (sent %,.0f/s): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label, l.targetRate(), r.sentRate(), m.p50() / 1000.0, m.p95() / 1000.0, m.p99() / 1000.0,
                m.max() / 1000.0);
        out.printf("  %-62s %,d samples; %,d of %,d awaited records arrived%n", "", m.count(), r.received(),
                r.expected());
    }

    private static void printP99Target(PrintStream out, String label, Harness.Latency l, long targetMicros) {
        Stats.Latencies m = l.result().micros();
        out.printf("  %-62s %9.1f ms  target < %d ms  %s%n", label, m.p99() / 1000.0, targetMicros / 1000,
                m.isEmpty() ? "NO SAMPLES" : verdict(m.p99() < targetMicros, (double) targetMicros / m.p99()));
    }

    /** MET, or NOT MET with how far off: the measured figure is {@code shortfall} of what the target asks. */
    static String verdict(boolean met, double shortfall) {
        return met ? "MET" : String.format("NOT MET (%.0f%% of the target)", 100 * shortfall);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,d MiB", bytes / (1024 * 1024));
    }

    private static String percent(double part, double whole) {
        return String.format("%.0f%%", 100 * Stats.ratio(part, whole));
    }

    /**
     * The cost of TLS: the same workload on a SASL_PLAINTEXT broker and on a SASL_SSL one, in the same run, as ratios
     * (SASL_SSL over SASL_PLAINTEXT) of each yardstick and of the pipeline.
     */
    static void printSecurityCost(PrintStream out, Harness.Result sasl, Harness.Result tls) {
        String line = "-".repeat(110);
        out.println();
        out.println(line);
        out.println("The cost of TLS: SASL_SSL / SASL_PLAINTEXT (SCRAM-SHA-512 on both), same run, one after the other");
        out.println(line);
        costLine(out, "raw produce (ProducerPerformance), records/s", sasl.produce().recordsPerSecond(),
                tls.produce().recordsPerSecond());
        costLine(out, "raw consume (ConsumerPerformance), records/s", sasl.consume().recordsPerSecond(),
                tls.consume().recordsPerSecond());
        costLine(out, "minimal Avro stateful app, readings/s", sasl.lastBaseline().rate(), tls.lastBaseline().rate());
        costLine(out, "emission pipeline, readings/s", sasl.lastPipeline().rate(), tls.lastPipeline().rate());
        costLine(out, "emission pipeline, CPU s per million readings", sasl.lastPipeline().cpuSecondsPerMillion(),
                tls.lastPipeline().cpuSecondsPerMillion());
        if (sasl.pipelineAtHalf() != null && tls.pipelineAtHalf() != null) {
            costLine(out, "emission pipeline at half load, p99 ms",
                    sasl.pipelineAtHalf().result().micros().p99() / 1000.0,
                    tls.pipelineAtHalf().result().micros().p99() / 1000.0);
        }
        out.printf("  %-62s %12.2f  (SASL_PLAINTEXT %.2f, SASL_SSL %.2f)%n", "pipeline / stateful app, each broker",
                tls.ratio() / sasl.ratio(), sasl.ratio(), tls.ratio());
        out.println(line);
    }

    private static void costLine(PrintStream out, String label, double sasl, double tls) {
        out.printf("  %-62s %12.2f  (%,.1f -> %,.1f)%n", label, Stats.ratio(tls, sasl), sasl, tls);
    }
}
