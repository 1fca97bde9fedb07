package kz.taza.permit.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.topic.Topic;

/**
 * The latest value per key of a (compacted) topic as a reader sees it now: every call reads on to the current end of
 * every partition, so a value is never judged on a stale prefix of the topic.
 */
public final class LatestValues<V> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<V> values;
    private final List<TopicPartition> partitions;
    private final Map<String, V> latest = new HashMap<>();

    public LatestValues(Topic<String, V> topic) {
        this.consumer = new KafkaConsumer<>(KafkaTestClients.asAdmin(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                topic.keySerde().deserializer(), new ByteArrayDeserializer());
        this.values = topic.valueSerde().deserializer();
        this.partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads to the end of the topic (as of now) and returns the latest value of the key, or null. */
    public V get(String key) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                decoded(record).ifPresent(value -> latest.put(record.key(), value.orElse(null)));
            }
        }
        return latest.get(key);
    }

    /** Every key's latest value, read to the current end. */
    public Map<String, V> all() {
        get("");
        return Map.copyOf(latest.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /**
     * The record's value (empty inside for a tombstone), or nothing when it does not decode: garbage a quarantine test
     * left on the shared topic changes no key's value, as the services quarantine it.
     */
    private Optional<Optional<V>> decoded(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(Optional.ofNullable(values.deserialize(record.topic(), record.value())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
