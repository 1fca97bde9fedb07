package kz.taza.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import kz.taza.contracts.KpiCatalogue;
import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestNames;
import kz.taza.stack.KpiBoard;

/**
 * What an analyst sees on {@code kpi.values.v1}: the latest value of every key (committed records only, read from the
 * beginning), followed by a background reader while the test runs. Every record read is also held against the KPI
 * catalogue, and fed to the launcher's terminal view ({@link KpiBoard}) as {@code ./taza up} would.
 */
final class KpiTopic implements AutoCloseable {

    private final Map<String, KpiValue> latest = new ConcurrentHashMap<>();
    /** Per key, what a record under it got wrong against the catalogue (the first such record of the key). */
    private final Map<String, List<String>> offCatalogue = new ConcurrentHashMap<>();
    /** Every (kpiId, scope) a record was published for. */
    private final Set<KpiSeries> published = ConcurrentHashMap.newKeySet();
    private final KpiBoard board = new KpiBoard();
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
        // As the example agency would: its own login and group, read_committed.
        Map<String, Object> config = new java.util.HashMap<>(SharedKafkaBroker.get().clientProperties(
                SharedKafkaBroker.get().login(TazaPrincipals.AGENCY)));
        config.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, TestNames.unique(TazaPrincipals.AGENCY + "-e2e"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
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
                        KpiValue value = PlatformTopics.KPI_VALUES.value(record);
                        latest.put(record.key(), value);
                        published.add(new KpiSeries(value.getKpiId(), value.getScope()));
                        List<String> problems = KpiCatalogue.problemsWith(value);
                        if (!problems.isEmpty()) {
                            offCatalogue.putIfAbsent(record.key(), problems);
                        }
                        synchronized (board) {
                            board.accept(record.key(), value, Instant.ofEpochMilli(record.timestamp()));
                        }
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

    /** What records got wrong against the KPI catalogue, by key; empty when every record is as it says. */
    Map<String, List<String>> offCatalogue() {
        return Map.copyOf(offCatalogue);
    }

    /** Every (kpiId, scope) some record was published for. */
    Set<KpiSeries> published() {
        return Set.copyOf(published);
    }

    /** The terminal view's lines as they would read now. */
    List<KpiBoard.Row> boardRows() {
        synchronized (board) {
            return board.rows();
        }
    }

    /** A KPI and a scope it was published for. */
    record KpiSeries(String kpiId, String scope) {
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
