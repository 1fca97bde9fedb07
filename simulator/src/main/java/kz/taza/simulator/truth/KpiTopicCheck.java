package kz.taza.simulator.truth;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.topic.PlatformTopics;

/**
 * Compares {@code kpi.values.v1} with a ground-truth file, as an analyst would read the topic: committed records, from
 * the beginning, the latest value per key. Values still converging are read again until they match or the time is up.
 */
public final class KpiTopicCheck {

    /** The outcome: keys whose value differs (or is absent), with what was expected and seen. */
    public record Outcome(int checked, Map<String, String> differing, long records) {
        public boolean matches() {
            return differing.isEmpty();
        }
    }

    private KpiTopicCheck() {
    }

    public static Outcome check(String bootstrapServers, Map<String, Double> truth, Duration timeout,
            PrintStream out) {
        return check(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), truth, timeout, out);
    }

    /**
     * The same with the consumer's connection and security settings ({@code bootstrap.servers},
     * {@code security.protocol}, {@code sasl.*}, ...). It assigns itself the partitions and commits nothing, so a
     * principal with Read and Describe on the topic is enough.
     */
    public static Outcome check(Map<String, Object> connection, Map<String, Double> truth, Duration timeout,
            PrintStream out) {
        Map<String, KpiValue> latest = new HashMap<>();
        long records = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = PlatformTopics.KPI_VALUES.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, String> differing = differing(truth, latest);
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    if (record.value() != null) {
                        latest.put(record.key(), PlatformTopics.KPI_VALUES.value(record));
                    }
                }
                boolean caughtUp = true;
                for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
                    caughtUp &= consumer.position(end.getKey()) >= end.getValue();
                }
                if (caughtUp) {
                    differing = differing(truth, latest);
                    if (differing.isEmpty() || System.nanoTime() > deadline) {
                        return new Outcome(truth.size(), differing, records);
                    }
                    out.println("  " + differing.size() + " of " + truth.size()
                            + " values differ from the ground truth so far; reading on ...");
                }
            }
        }
    }

    private static Map<String, String> differing(Map<String, Double> truth, Map<String, KpiValue> latest) {
        Map<String, String> differing = new TreeMap<>();
        truth.forEach((key, expected) -> {
            KpiValue seen = latest.get(key);
            if (seen == null || !GroundTruth.matches(expected, seen.getValue())) {
                differing.put(key, "expected " + expected + ", topic " + (seen == null ? "absent" : seen.getValue()));
            }
        });
        return differing;
    }
}
