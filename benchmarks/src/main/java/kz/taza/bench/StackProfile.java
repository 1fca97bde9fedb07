package kz.taza.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a Streams application's stream thread spent its time, from sampled stacks (JFR's execution and native-method
 * samples, {@link JfrProfile}): each stack is sorted into what the thread was doing, and its innermost frame counted.
 *
 * <p>Stages (the first that matches, outermost first): <b>commit</b> (flushing caches, stores and changelogs, the
 * transaction), <b>punctuate</b>, <b>process</b> (the topology on a record), <b>poll</b> (the consumer, including
 * waiting for fetches), other. Inside process and commit, hot spots: the record cache of the state stores, RocksDB,
 * Avro decoding of the input, sending to the producer.
 */
final class StackProfile {

    static final List<String> STAGES = List.of("process", "commit", "poll", "punctuate", "other");
    static final List<String> HOT_SPOTS = List.of("state-store cache", "RocksDB", "Avro decode", "producer send");

    /** One frame of a sampled stack. */
    record Frame(String className, String methodName) {
        @Override
        public String toString() {
            return className + "." + methodName;
        }
    }

    private final Map<String, Integer> stages = new LinkedHashMap<>();
    private final Map<String, Integer> hotSpots = new LinkedHashMap<>();
    private final Map<String, Integer> innermost = new LinkedHashMap<>();
    private int samples;

    StackProfile() {
        STAGES.forEach(stage -> stages.put(stage, 0));
        HOT_SPOTS.forEach(spot -> hotSpots.put(spot, 0));
    }

    /** Counts one stack, innermost frame first (as the JVM and JFR give them). */
    void count(List<Frame> stack) {
        samples++;
        String stage = "other";
        boolean cache = false;
        boolean rocks = false;
        boolean avro = false;
        boolean send = false;
        // Outermost frame first, so the enclosing stage wins (a commit that flushes a cache is a commit).
        for (int i = stack.size() - 1; i >= 0; i--) {
            String cls = stack.get(i).className();
            String method = stack.get(i).methodName();
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
        if (!stack.isEmpty()) {
            innermost.merge(stack.get(0).toString(), 1, Integer::sum);
        }
    }

    Profile profile() {
        return new Profile(samples, Map.copyOf(stages), Map.copyOf(hotSpots), Map.copyOf(innermost));
    }

    /** Sample counts; {@link #toString} gives shares of all samples. */
    record Profile(int samples, Map<String, Integer> stages, Map<String, Integer> hotSpots,
            Map<String, Integer> innermost) {

        static final Profile NONE = new Profile(0, Map.of(), Map.of(), Map.of());

        double share(String stageOrSpot) {
            int count = stages.getOrDefault(stageOrSpot, hotSpots.getOrDefault(stageOrSpot, 0));
            return samples == 0 ? Double.NaN : (double) count / samples;
        }

        /** The {@code n} methods most often on top of the stack, with their share of the samples. */
        List<String> top(int n) {
            return innermost.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(n)
                    .map(e -> String.format("%4.1f%% %s", 100.0 * e.getValue() / samples, e.getKey()))
                    .toList();
        }

        @Override
        public String toString() {
            if (samples == 0) {
                return "no samples";
            }
            String s = STAGES.stream().map(k -> String.format("%s %.0f%%", k, 100 * share(k)))
                    .collect(Collectors.joining(", "));
            String h = HOT_SPOTS.stream().map(k -> String.format("%s %.0f%%", k, 100 * share(k)))
                    .collect(Collectors.joining(", "));
            return s + " | within: " + h + " (" + samples + " samples)";
        }
    }
}
