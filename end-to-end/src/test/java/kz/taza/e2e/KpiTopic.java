package kz.taza.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestNames;

/**
 * What an analyst sees on {@code kpi.values.v1}: the latest value of every key (committed records only, read from the
 * beginning), followed by a background reader while the test runs.
 */
final class KpiTopic implements AutoCloseable {

    private final Map<String, KpiValue> latest = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile long records;
    private volatile long firstRecordAtMillis = -1;

    KpiTopic() {
        reader = new Thread(this::read, "kpi-topic-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestNames.unique("e2e-kpi-reader"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = PlatformTopics.KPI_VALUES.name();
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                // The topic exists once the first service has declared its catalogue.
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        latest.put(record.key(), PlatformTopics.KPI_VALUES.value(record));
                        if (records++ == 0) {
                            firstRecordAtMillis = System.currentTimeMillis();
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    Optional<KpiValue> get(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    Optional<Double> value(String key) {
        return get(key).map(KpiValue::getValue);
    }

    long records() {
        return records;
    }

    int keys() {
        return latest.size();
    }

    long firstRecordAtMillis() {
        return firstRecordAtMillis;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(10_000);
    }
}
