package kz.taza.stack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import kz.taza.contracts.Contracts;
import kz.taza.platform.errors.RejectedRecords;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * The chaos drill's poison: records no reader can take, written to every dead-lettered topic of the domains while the
 * services run, and afterwards looked for in each topic's dead-letter topic. Two kinds, in turn: bytes that are not a
 * Taza message at all, and a message that starts with Avro's single-object marker but names a schema fingerprint
 * nothing has published, followed by bytes that decode as nothing. Each has a key of its own
 * ({@code chaos-poison-<run>-<batch>-<n>}), so the dead letters of this run are told from any other.
 */
final class PoisonRecords {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A poison record as written: where, and its key. */
    record Written(String topic, String key) {
    }

    private final String prefix;
    private final List<Written> written = new ArrayList<>();

    /** @param run what tells this run's poison from another's, e.g. the run directory's name */
    PoisonRecords(String run) {
        this.prefix = "chaos-poison-" + run + "-";
    }

    /** Every dead-lettered topic of the four domains, once each. */
    static List<Topic<?, ?>> targets() {
        Map<String, Topic<?, ?>> byName = new LinkedHashMap<>();
        for (TopicCatalogue catalogue : Contracts.domainCatalogues()) {
            catalogue.topics().stream().filter(Topic::deadLettered).forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        return List.copyOf(byName.values());
    }

    /** The key prefix of this run's poison. */
    String prefix() {
        return prefix;
    }

    List<Written> written() {
        return List.copyOf(written);
    }

    /** Writes {@code perTopic} poison records to every target topic and waits until the broker has each. */
    void write(Map<String, Object> client, String batch, int perTopic) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            List<Written> batchWritten = new ArrayList<>();
            for (Topic<?, ?> topic : targets()) {
                for (int n = 0; n < perTopic; n++) {
                    String key = prefix + batch + "-" + n;
                    sends.add(producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
                            n % 2 == 0 ? notAMessage(key) : unknownSchema(key))));
                    batchWritten.add(new Written(topic.name(), key));
                }
            }
            for (java.util.concurrent.Future<?> send : sends) {
                send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            written.addAll(batchWritten);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("Writing the poison records failed: " + e.getMessage());
        }
    }

    /** The poison written that no dead-letter topic holds (yet), by the topic it was written to. */
    Map<String, List<String>> missing(Map<String, Object> client) {
        RejectedRecords rejected = new RejectedRecords(client);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<String, List<Written>> byTopic = written.stream()
                .collect(Collectors.groupingBy(Written::topic, LinkedHashMap::new, Collectors.toList()));
        byTopic.forEach((topic, poison) -> {
            Set<String> found = rejected.list(Topic.rejectedTopicNameOf(topic)).stream()
                    .filter(letter -> topic.equals(letter.sourceTopic()))
                    .map(RejectedRecords.DeadLetter::keyText)
                    .filter(key -> key != null && key.startsWith(prefix))
                    .collect(Collectors.toSet());
            List<String> notFound = poison.stream().map(Written::key).filter(key -> !found.contains(key)).toList();
            if (!notFound.isEmpty()) {
                missing.put(topic, notFound);
            }
        });
        return missing;
    }

    private static byte[] notAMessage(String key) {
        return ("not a Taza message: " + key).getBytes(StandardCharsets.UTF_8);
    }

    /** The single-object marker (C3 01), a fingerprint of no schema, and bytes that decode as nothing. */
    private static byte[] unknownSchema(String key) {
        byte[] tail = key.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[2 + 8 + tail.length];
        bytes[0] = (byte) 0xC3;
        bytes[1] = 0x01;
        java.util.Arrays.fill(bytes, 2, 10, (byte) 0x7E);
        System.arraycopy(tail, 0, bytes, 10, tail.length);
        return bytes;
    }
}
