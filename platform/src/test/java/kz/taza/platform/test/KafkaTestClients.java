package kz.taza.platform.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.awaitility.Awaitility;

import kz.taza.events.common.CommandResult;
import kz.taza.platform.command.CommandHeaders;
import kz.taza.platform.topic.Topic;

/** Plain Kafka clients on the shared broker, typed by catalogue entries, for what a test sends and expects to see. */
public final class KafkaTestClients {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private KafkaTestClients() {
    }

    /** Creates the topics (and their dead-letter topics) on the shared broker. */
    public static void createTopics(Topic<?, ?>... topics) {
        try (Admin admin = Admin.create(asAdmin(Map.of()))) {
            List<NewTopic> declarations = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                declarations.add(topic.toNewTopic(topic.partitions(), (short) 1));
                if (topic.deadLettered()) {
                    declarations.add(topic.rejectedTopic().toNewTopic(topic.partitions(), (short) 1));
                }
            }
            admin.createTopics(declarations).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create test topics", e);
        }
    }

    /** Sends records and waits for every acknowledgement. */
    @SafeVarargs
    public static <K, V> void send(Topic<K, V> topic, Map.Entry<K, V>... records) {
        send(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), List.of(records));
    }

    /**
     * Sends a command the way a sender other than the REST API would: keyed by its aggregate, its id in the command id
     * header, not checked by any gateway. Returns the result its processor writes.
     */
    public static <C> CommandResult sendCommand(Topic<String, C> commands, Topic<String, CommandResult> results,
            String aggregateId, String commandId, C command) {
        Map<String, Object> props = asAdmin(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        try (KafkaProducer<String, C> producer = new KafkaProducer<>(props, commands.keySerde().serializer(),
                commands.valueSerde().serializer())) {
            ProducerRecord<String, C> record = new ProducerRecord<>(commands.name(), aggregateId, command);
            record.headers().add(CommandHeaders.COMMAND_ID,
                    commandId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + commands.name(), e);
        }
        return readUntil(results, seen -> seen.stream().anyMatch(r -> commandId.equals(r.key()))).stream()
                .filter(r -> commandId.equals(r.key())).findFirst().orElseThrow().value();
    }

    /** Sends raw bytes, for input no well-behaved producer would send. */
    public static void sendRaw(String topic, String key, byte[] value) {
        send(topic, new StringSerializer(), new ByteArraySerializer(), List.of(Map.entry(key, value)));
    }

    /** Sends raw bytes to one partition, in order; returns the offset each got. */
    public static List<Long> sendRaw(String topic, int partition, String key, List<byte[]> values) {
        List<ProducerRecord<String, byte[]>> records = values.stream()
                .map(value -> new ProducerRecord<>(topic, partition, key, value)).toList();
        return send(new StringSerializer(), new ByteArraySerializer(), records).stream()
                .map(RecordMetadata::offset).toList();
    }

    private static <K, V> void send(String topic, Serializer<K> keys, Serializer<V> values,
            List<Map.Entry<K, V>> records) {
        send(keys, values, records.stream()
                .map(record -> new ProducerRecord<>(topic, record.getKey(), record.getValue())).toList());
    }

    private static <K, V> List<RecordMetadata> send(Serializer<K> keys, Serializer<V> values,
            List<ProducerRecord<K, V>> records) {
        Map<String, Object> props = asAdmin(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(props, keys, values)) {
            for (ProducerRecord<K, V> record : records) {
                sent.add(producer.send(record).get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + records.get(0).topic(), e);
        }
        return sent;
    }

    /** The offset the consumer group has committed on a partition; -1 when it has committed none. */
    public static long committedOffset(String group, TopicPartition partition) {
        try (Admin admin = Admin.create(asAdmin(Map.of()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    /**
     * Reads the topic from the start (committed records only) until {@code done} holds for what was read. Records
     * whose value does not decode (garbage a quarantine test left on a shared topic) are skipped, as every reader in
     * Taza quarantines them.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(Topic<K, V> topic,
            Predicate<List<ConsumerRecord<K, V>>> done) {
        Deserializer<V> values = topic.valueSerde().deserializer();
        List<ConsumerRecord<K, V>> decoded = new ArrayList<>();
        int[] read = {0};
        readUntil(topic.name(), topic.keySerde().deserializer(), new ByteArrayDeserializer(), raw -> {
            for (; read[0] < raw.size(); read[0]++) {
                ConsumerRecord<K, byte[]> record = raw.get(read[0]);
                V value;
                try {
                    value = values.deserialize(record.topic(), record.headers(), record.value());
                } catch (RuntimeException e) {
                    continue;
                }
                decoded.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                        record.timestamp(), record.timestampType(), record.serializedKeySize(),
                        record.serializedValueSize(), record.key(), value, record.headers(), record.leaderEpoch()));
            }
            return done.test(decoded);
        });
        return decoded;
    }

    /** Reads a topic as raw bytes, for dead-letter topics. */
    public static List<ConsumerRecord<byte[], byte[]>> readRawUntil(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        return readUntil(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), done);
    }

    private static <K, V> List<ConsumerRecord<K, V>> readUntil(String topic, Deserializer<K> keys,
            Deserializer<V> values, Predicate<List<ConsumerRecord<K, V>>> done) {
        Map<String, Object> props = asAdmin(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<ConsumerRecord<K, V>> seen = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            consumer.subscribe(List.of(topic));
            Awaitility.await("records on " + topic).atMost(DEFAULT_WAIT).pollInterval(Duration.ZERO)
                    .pollDelay(Duration.ZERO).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                        return done.test(seen);
                    });
        }
        return seen;
    }

    /** A header's value as text, or {@code null} when the record has no such header. */
    public static String header(org.apache.kafka.common.header.Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Creates the topics that do not exist yet (a shared topic such as the schema topic, which any test may meet). */
    public static void ensureTopics(Topic<?, ?>... topics) {
        try (Admin admin = Admin.create(asAdmin(Map.of()))) {
            java.util.Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic.toNewTopic(topic.partitions(), (short) 1));
                }
            }
            admin.createTopics(missing).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("could not create test topics", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating test topics", e);
        }
    }

    /**
     * Client settings of the harness, which logs in as the broker's administrator (a super user), with the given
     * settings on top.
     */
    public static Map<String, Object> asAdmin(Map<String, ?> settings) {
        Map<String, Object> props = new java.util.HashMap<>(SharedKafkaBroker.get().adminProperties());
        props.putAll(settings);
        return props;
    }

    public static String bootstrap() {
        return SharedKafkaBroker.get().bootstrapServers();
    }
}
