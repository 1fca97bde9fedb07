package kz.taza.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.topic.Topic;
import kz.taza.stack.KafkaClientFiles;

/**
 * An agency's subscriber outside Java: {@code docs/examples/taza_subscriber.py}, run by
 * {@code docs/examples/subscriber-python} (Debian's python3-confluent-kafka and python3-avro with a librdkafka that
 * logs in to Kafka 4 with SCRAM), signed in as the example agency with a librdkafka settings file as the launcher writes
 * it, decoding with the published {@code .avsc} files alone. Beside it, {@link #expected} reads the same topics in
 * Java with the topics' own serdes, so a test can hold what the subscriber printed against what is there.
 */
final class PythonSubscriber {

    /** Bound on the subscriber's whole run (a fresh Debian 13 root is prepared before the build, see .ci/run). */
    static final Duration RUN_AT_MOST = Duration.ofMinutes(4);

    /** Where a record is: topic, partition, offset. */
    record At(String topic, int partition, long offset) {
    }

    /**
     * A record as read: its key, the writer schema's full name ({@code null} for a tombstone), the published file's
     * version that named it ("v3"; "topic" when only platform.schemas.v1 had it), the value as JSON, or what failed.
     */
    record Read(String key, String type, String version, JsonNode value, String error) {
    }

    /** What the subscriber printed, by position, and its closing counts and exit code. */
    record Run(Map<At, Read> records, long decoded, long failed, int exitCode, String stderr) {
    }

    private PythonSubscriber() {
    }

    /** Runs the subscriber over {@code topics} to the ends they have when it starts; fails if it does not finish. */
    static Run readToEnd(Path projectRoot, List<String> topics) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("taza-subscriber");
        Path config = dir.resolve(TazaPrincipals.AGENCY + ".librdkafka.properties");
        var broker = SharedKafkaBroker.get();
        KafkaClientFiles.writeLibrdkafka(config, broker.bootstrapServers(), broker.login(TazaPrincipals.AGENCY),
                Optional.empty());
        List<String> command = new ArrayList<>(List.of(
                projectRoot.resolve("docs/examples/subscriber-python").toString(),
                projectRoot.resolve("docs/examples/taza_subscriber.py").toString(),
                "--config", config.toString(),
                "--schemas", projectRoot.resolve("schemas/src/main/avro-history").toString(),
                "--until-end"));
        command.addAll(topics);
        Path out = dir.resolve("stdout.jsonl");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(RUN_AT_MOST.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Python subscriber did not finish within " + RUN_AT_MOST + "; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        JsonMapper json = JsonMapper.builder().build();
        Map<At, Read> records = new LinkedHashMap<>();
        JsonNode summary = null;
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode node = json.readTree(line);
            if (node.has("decoded")) {
                summary = node;
                continue;
            }
            records.put(new At(node.get("topic").asString(), node.get("partition").asInt(),
                    node.get("offset").asLong()), new Read(text(node, "key"), text(node, "type"),
                    text(node, "version"), node.get("value"), text(node, "error")));
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (summary == null) {
            throw new AssertionError("the Python subscriber ended (exit " + process.exitValue()
                    + ") without its counts; stderr: " + stderr);
        }
        return new Run(records, summary.get("decoded").asLong(), summary.get("failed").asLong(),
                process.exitValue(), stderr);
    }

    /**
     * The committed records of {@code topics} up to their ends now, read in Java as Taza's own readers do, each
     * decoded with its topic's value serde: the writer schema's full name, or an error for a record that does not
     * decode (garbage a test left for the quarantine), {@code null} for a tombstone.
     */
    static Map<At, Read> expected(List<Topic<?, ?>> topics) {
        Map<At, Read> records = new LinkedHashMap<>();
        Map<String, Object> settings = new HashMap<>(KafkaTestClients.asAdmin(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (Topic<?, ?> topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
                        .stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
                Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("could not read " + topic.name() + " to " + ends);
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() < ends.get(partition)) {
                            records.put(new At(record.topic(), record.partition(), record.offset()),
                                    decode(topic, record));
                        }
                    }
                }
            }
        }
        return records;
    }

    private static Read decode(Topic<?, ?> topic, ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            return new Read(key, null, null, null, null);
        }
        try (var values = topic.valueSerde().deserializer()) {
            Object value = values.deserialize(record.topic(), record.headers(), record.value());
            return new Read(key, ((GenericContainer) value).getSchema().getFullName(), null, null, null);
        } catch (RuntimeException e) {
            return new Read(key, null, null, null, String.valueOf(e.getMessage()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
