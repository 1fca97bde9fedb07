package kz.taza.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Reads {@code kpi.values.v1} from the beginning, as committed transactions only (read_committed: a KPI from a
 * transaction that was aborted never shows), into a {@link KpiBoard}. It reads as a plain observer: every partition
 * assigned, no consumer group, nothing committed (so the principal it logs in as, {@code taza-launcher} on the local
 * stack, needs Read and Describe on the topic and nothing else). The topic appears when the first service declares
 * it, so the feed waits for it.
 */
public final class KpiFeed implements AutoCloseable {

    private final KpiBoard board;
    private final Runnable onChange;
    private final KafkaConsumer<String, KpiValue> consumer;
    private final Thread thread;
    private final AtomicLong undecodable = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean topicFound;
    private volatile String refused;

    /**
     * @param connection the bootstrap servers and the security settings of the consumer (e.g.
     *                   {@link StandaloneBroker#clientConfig})
     */
    public KpiFeed(java.util.Map<String, Object> connection, KpiBoard board, Runnable onChange) {
        this.board = board;
        this.onChange = onChange;
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "taza-local-stack-kpi-view");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.of(KpiValue.class).deserializer());
        this.thread = new Thread(this::run, "kpi-feed");
        this.thread.setDaemon(true);
    }

    public KpiFeed start() {
        thread.start();
        return this;
    }

    /** True once the KPI topic exists and is being read. */
    public boolean topicFound() {
        return topicFound;
    }

    /** Why the broker refused the feed (its login or its ACLs), once it has: the feed then reads nothing more. */
    public java.util.Optional<String> refused() {
        return java.util.Optional.ofNullable(refused);
    }

    /** Records that could not be decoded as KpiValue (skipped, counted). */
    public long undecodable() {
        return undecodable.get();
    }

    private void run() {
        String topic = PlatformTopics.KPI_VALUES.name();
        try {
            List<TopicPartition> partitions = awaitPartitions(topic);
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            topicFound = true;
            onChange.run();
            while (!closed) {
                try {
                    var records = consumer.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    synchronized (board) {
                        for (ConsumerRecord<String, KpiValue> record : records) {
                            board.accept(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
                        }
                    }
                    onChange.run();
                } catch (RecordDeserializationException e) {
                    // Not a KpiValue: count it and read on past it rather than stall the view.
                    undecodable.incrementAndGet();
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer up: the view is stopping.
        } catch (org.apache.kafka.common.errors.AuthenticationException
                | org.apache.kafka.common.errors.AuthorizationException e) {
            refused = e.getClass().getSimpleName() + ": " + e.getMessage();
            org.slf4j.LoggerFactory.getLogger(KpiFeed.class).error("The broker refused the KPI view's consumer: {}",
                    refused);
            onChange.run();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> awaitPartitions(String topic) {
        while (!closed) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                infos = List.of();
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .collect(Collectors.toList());
            }
            try {
                Thread.sleep(500); // poll interval while no service has declared the topic yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        closed = true;
        // wakeup() is the one consumer call that is safe from another thread; interrupting would abort close().
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

