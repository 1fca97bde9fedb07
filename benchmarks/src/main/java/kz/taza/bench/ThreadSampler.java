package kz.taza.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A poor man's profiler of one Streams application's stream threads: their stacks, sampled every time the harness
 * polls the committed offsets (every 20 ms), sorted into what the thread was doing. Stacks are taken at safepoints,
 * so the split is approximate; it tells where a stream thread's time goes without any tool.
 *
 * <p>Stages (the first that matches, outermost first): <b>commit</b> (flushing caches, stores and changelogs, the
 * transaction), <b>punctuate</b>, <b>process</b> (the topology on a record), <b>poll</b> (the consumer, including
 * waiting for fetches), other. Inside process and commit, hot spots: the record cache of the state stores, RocksDB,
 * Avro decoding of the input, sending to the producer.
 */
final class ThreadSampler {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String threadNamePrefix;
    private final Map<String, Integer> stages = new LinkedHashMap<>();
    private final Map<String, Integer> hotSpots = new LinkedHashMap<>();
    private int samples;
    private long[] threadIds = new long[0];

    ThreadSampler(String applicationId) {
        this.threadNamePrefix = applicationId + "-StreamThread-";
        for (String stage : List.of("process", "commit", "poll", "punctuate", "other")) {
            stages.put(stage, 0);
        }
        for (String spot : List.of("state-store cache", "RocksDB", "Avro decode", "producer send")) {
            hotSpots.put(spot, 0);
        }
    }

    void sample() {
        if (threadIds.length == 0) {
            // Find the stream threads once by name (without stacks, which is cheap), then sample only them.
            threadIds = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
                    .filter(info -> info != null && info.getThreadName().startsWith(threadNamePrefix))
                    .mapToLong(ThreadInfo::getThreadId).toArray();
        }
        for (ThreadInfo info : THREADS.getThreadInfo(threadIds, 96)) {
            if (info != null) {
                count(info.getStackTrace());
            }
        }
    }

    /** Counts one stack, innermost frame first (as the JVM gives them). */
    void count(StackTraceElement[] stack) {
        samples++;
        String stage = "other";
        boolean cache = false;
        boolean rocks = false;
        boolean avro = false;
        boolean send = false;
        // Outermost frame first, so the enclosing stage wins (a commit that flushes a cache is a commit).
        for (int i = stack.length - 1; i >= 0; i--) {
            String cls = stack[i].getClassName();
            String method = stack[i].getMethodName();
            if ("other".equals(stage)) {
                if (cls.endsWith("TaskManager") && method.startsWith("commit")
                        || cls.endsWith("StreamThread") && method.equals("maybeCommit")) {
                    stage = "commit";
                } else if (method.equals("punctuate") && cls.endsWith("TaskManager")) {
                    stage = "punctuate";
                } else if (cls.endsWith("TaskExecutor") && method.equals("process")
                        || cls.endsWith("StreamTask") && method.equals("process")) {
                    stage = "process";
                } else if (cls.endsWith("StreamThread") && method.equals("pollPhase")) {
                    stage = "poll";
                }
            }
            cache |= cls.endsWith("ThreadCache") || cls.endsWith("NamedCache");
            rocks |= cls.startsWith("org.rocksdb.");
            avro |= cls.startsWith("org.apache.avro.");
            send |= cls.endsWith("RecordCollectorImpl") && method.equals("send");
        }
        stages.merge(stage, 1, Integer::sum);
        if (cache) {
            hotSpots.merge("state-store cache", 1, Integer::sum);
        }
        if (rocks) {
            hotSpots.merge("RocksDB", 1, Integer::sum);
        }
        if (avro) {
            hotSpots.merge("Avro decode", 1, Integer::sum);
        }
        if (send) {
            hotSpots.merge("producer send", 1, Integer::sum);
        }
    }

    Profile profile() {
        return new Profile(samples, Map.copyOf(stages), Map.copyOf(hotSpots));
    }

    /** Sample counts; {@link #toString} gives shares of all samples. */
    record Profile(int samples, Map<String, Integer> stages, Map<String, Integer> hotSpots) {

        static final Profile NONE = new Profile(0, Map.of(), Map.of());

        double share(String stageOrSpot) {
            int count = stages.getOrDefault(stageOrSpot, hotSpots.getOrDefault(stageOrSpot, 0));
            return samples == 0 ? Double.NaN : (double) count / samples;
        }

        @Override
        public String toString() {
            if (samples == 0) {
                return "no samples";
            }
            String s = List.of("process", "commit", "poll", "punctuate", "other").stream()
                    .map(k -> String.format("%s %.0f%%", k, 100 * share(k))).collect(Collectors.joining(", "));
            String h = List.of("state-store cache", "RocksDB", "Avro decode", "producer send").stream()
                    .map(k -> String.format("%s %.0f%%", k, 100 * share(k))).collect(Collectors.joining(", "));
            return s + " | within: " + h + " (" + samples + " samples)";
        }
    }
}
