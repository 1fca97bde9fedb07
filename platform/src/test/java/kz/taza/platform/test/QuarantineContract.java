package kz.taza.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.common.WriterSchema;
import kz.taza.platform.command.CommandGatewayFactory;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.health.FollowersHealth;
import kz.taza.platform.kafka.TopologyInputs;
import kz.taza.platform.schema.SchemaTopic;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicDeclarations;
import kz.taza.schemas.codec.SingleObjectEncoding;

/**
 * No record halts the service: for every topic it consumes, as its running service shows them (the stream tasks'
 * sources and repartition topics and the global stores' topics of its real topology, and the topics of the plain
 * consumers beside it), garbage bytes, a truncated record and (on Avro topics) a record naming an unknown writer
 * schema are each quarantined to that topic's dead-letter topic with the error headers, while the service stays
 * RUNNING and processes the next good record. A service's test extends this class and gives a good record of each
 * topic of a domain it reads ({@link #samples()}); the contract makes the good records of the repartition topics (a
 * copy of one the service wrote), the result topics and the schema topic itself. A new input without a quarantine
 * route, or without a sample, fails here.
 */
@TazaServiceTest
// Streams purges what it has read from its repartition topics; the contract copies a record the service wrote there.
@TestPropertySource(properties = "spring.kafka.streams.properties.repartition.purge.interval.ms=3600000")
public abstract class QuarantineContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Autowired
    private FollowersHealth followers;

    @Autowired
    private TopicDeclarations declarations;

    @Autowired
    private SchemaTopic schemas;

    @Autowired
    private ObjectProvider<CommandGatewayFactory> commands;

    /** The service's management server (probes), on a port of its own. */
    @LocalManagementPort
    private int managementPort;

    /**
     * A good record of a topic the service reads; on a global store's topic, {@code storeKey} is the key the store
     * keeps its value under (the record's own key, unless the store keys its values otherwise).
     */
    public record Sample<V>(Topic<String, V> topic, String key, V value, String storeKey) {
        public static <V> Sample<V> of(Topic<String, V> topic, String key, V value) {
            return new Sample<>(topic, key, value, key);
        }

        /** The same record, kept by its global store under another key. */
        public Sample<V> storedUnder(String key) {
            return new Sample<>(topic, this.key, value, key);
        }

        byte[] bytes() {
            return topic.valueSerde().serializer().serialize(topic.name(), value);
        }
    }

    /**
     * A good record of every domain topic the service's topology reads (its own and other owners'), each one the
     * service processes without rejecting it, and that moves records through its repartition topics.
     */
    protected abstract List<Sample<?>> samples();

    @TestFactory
    Stream<DynamicTest> everyConsumedTopicQuarantinesBadRecordsAndTheServiceGoesOn() {
        Awaitility.await("RUNNING").atMost(WAIT).until(() -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
        String applicationId = streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        TopologyDescription description = streams.getTopology().describe();
        TopologyInputs inputs = TopologyInputs.of(description);
        Map<String, Sample<?>> samples = samples().stream()
                .collect(Collectors.toMap(sample -> sample.topic().name(), sample -> sample));
        Set<String> domainTopics = new TreeSet<>(inputs.topics());
        domainTopics.addAll(inputs.globalTopics());
        assertThat(samples.keySet()).as("a sample for every domain topic the topology reads, and no other")
                .containsExactlyInAnyOrderElementsOf(domainTopics);

        List<DynamicTest> tests = new ArrayList<>();
        for (String topic : domainTopics) {
            Sample<?> sample = samples.get(topic);
            boolean global = inputs.globalTopics().contains(topic);
            tests.add(DynamicTest.dynamicTest(topic, () -> exercise(topic, () -> good(sample),
                    global ? inGlobalStore(description, sample) : committed(applicationId))));
        }
        for (String topic : inputs.repartitionTopicsOf(applicationId)) {
            tests.add(DynamicTest.dynamicTest(topic, () -> exercise(topic, () -> copyOfNewest(topic),
                    committed(applicationId))));
        }
        for (String topic : new TreeSet<>(followers.topics())) {
            tests.add(DynamicTest.dynamicTest(topic, () -> exercise(topic, () -> followed(topic),
                    followedBy(topic))));
        }
        assertThat(tests).as("consumed topics").isNotEmpty();
        return tests.stream();
    }

    /** Bad records, then a good one, on the good one's partition; each bad one quarantined, the good one processed. */
    private void exercise(String topic, Supplier<Good> goodRecord, Progress progress) {
        Good good = goodRecord.get();
        Map<String, byte[]> bad = BadBytes.all(good.bytes());
        if (!SingleObjectEncoding.hasMarker(good.bytes())) {
            bad.remove("unknown fingerprint"); // only Avro messages name a writer schema
        }
        List<byte[]> sent = new ArrayList<>(bad.values());
        sent.add(good.bytes());
        List<Long> offsets = KafkaTestClients.sendRaw(topic, good.partition(), good.key(), sent);
        String applicationId = streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);

        String rejectedTopic = Topic.rejectedTopicNameOf(topic);
        Map<Long, byte[]> expected = new LinkedHashMap<>();
        for (int i = 0; i < bad.size(); i++) {
            expected.put(offsets.get(i), sent.get(i));
        }
        List<ConsumerRecord<byte[], byte[]>> deadLetters = KafkaTestClients.readRawUntil(rejectedTopic,
                records -> mine(records, topic, good.partition(), applicationId, expected.keySet()).size()
                        >= expected.size());
        List<ConsumerRecord<byte[], byte[]>> mine = mine(deadLetters, topic, good.partition(), applicationId,
                expected.keySet());
        assertThat(mine).as("dead letters of " + bad.keySet() + " on " + topic).hasSize(expected.size());
        for (ConsumerRecord<byte[], byte[]> deadLetter : mine) {
            long offset = Long.parseLong(text(deadLetter, RejectedRecordHeaders.SOURCE_OFFSET));
            assertThat(deadLetter.value()).as("original bytes").isEqualTo(expected.get(offset));
            assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(good.key());
            assertThat(text(deadLetter, RejectedRecordHeaders.ERROR_CLASS)).isNotBlank();
            assertThat(text(deadLetter, RejectedRecordHeaders.ERROR_MESSAGE)).isNotBlank();
            assertThat(text(deadLetter, RejectedRecordHeaders.ERROR_REASON)).isNotBlank();
            assertThat(text(deadLetter, RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("DESERIALIZATION");
        }

        long goodOffset = offsets.get(offsets.size() - 1);
        Awaitility.await("the good record after them, processed").atMost(WAIT).ignoreExceptions()
                .until(() -> progress.processed(topic, good, goodOffset));
        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        // Liveness is on the management port, where the kubelet calls it.
        RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    private static List<ConsumerRecord<byte[], byte[]>> mine(List<ConsumerRecord<byte[], byte[]>> records,
            String topic, int partition, String applicationId, Set<Long> offsets) {
        return records.stream()
                .filter(r -> topic.equals(text(r, RejectedRecordHeaders.SOURCE_TOPIC)))
                .filter(r -> Integer.toString(partition).equals(text(r, RejectedRecordHeaders.SOURCE_PARTITION)))
                .filter(r -> applicationId.equals(text(r, RejectedRecordHeaders.REJECTED_BY)))
                .filter(r -> offsets.contains(Long.parseLong(text(r, RejectedRecordHeaders.SOURCE_OFFSET))))
                .toList();
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        return RejectedRecordHeaders.text(record.headers(), header);
    }

    /** A good record: its key, its bytes and the partition its key belongs to. */
    private record Good(String key, byte[] bytes, int partition, Object value) {
    }

    /** Whether the good record, at this offset, has been processed. */
    @FunctionalInterface
    private interface Progress {
        boolean processed(String topic, Good good, long offset) throws Exception;
    }

    private Good good(Sample<?> sample) {
        return new Good(sample.key(), sample.bytes(), partitionOf(sample.topic().name(), sample.key()),
                sample.value());
    }

    private int partitionOf(String topic, String key) {
        Topic<?, ?> declared = declarations.topics().stream().filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError(topic + " is read but not declared"));
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % declared.partitions();
    }

    /** A copy of the newest record the service wrote to its repartition topic (after the samples went through). */
    private Good copyOfNewest(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTestClients.readRawUntil(topic,
                seen -> seen.stream().anyMatch(r -> r.value() != null && r.key() != null));
        ConsumerRecord<byte[], byte[]> newest = records.stream().filter(r -> r.value() != null && r.key() != null)
                .reduce((a, b) -> b).orElseThrow();
        return new Good(new String(newest.key(), StandardCharsets.UTF_8), newest.value(), newest.partition(), null);
    }

    /** A good record of a plain consumer's topic: a command result, or a writer schema. */
    private Good followed(String topic) {
        if (topic.equals(PlatformTopics.SCHEMAS.name())) {
            Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Contract_"
                    + UUID.randomUUID().toString().replace('-', '_') + "\",\"namespace\":\"kz.taza.test\","
                    + "\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
            String fingerprint = SingleObjectEncoding.hex(SingleObjectEncoding.fingerprint(schema));
            WriterSchema record = WriterSchema.newBuilder().setFingerprint(fingerprint)
                    .setFullName(schema.getFullName()).setAvroSchema(schema.toString())
                    .setPublishedBy("quarantine-contract").setPublishedAt(Instant.now()).build();
            return new Good(fingerprint, PlatformTopics.SCHEMAS.valueSerde().serializer().serialize(topic, record),
                    0, schema);
        }
        String commandId = "quarantine-contract-" + UUID.randomUUID();
        CommandResult result = CommandResult.newBuilder().setCommandId(commandId).setAggregateId("F-contract")
                .setCommandType("kz.taza.test.Nothing").setOutcome(CommandOutcome.ACCEPTED)
                .setRejection(RejectionKind.NONE).setReasonCode(null).setReason(null).setViolations(List.of())
                .setResourceId(null).setEventIds(List.of()).setProcessedAt(Instant.now()).build();
        Topic<?, ?> declared = declarations.topics().stream().filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Topic<String, CommandResult> results = (Topic<String, CommandResult>) declared;
        return new Good(commandId, results.valueSerde().serializer().serialize(topic, result),
                partitionOf(topic, commandId), result);
    }

    /** Stream tasks: the application's group has committed past the good record (in its transaction). */
    private static Progress committed(String applicationId) {
        return (topic, good, offset) -> KafkaTestClients.committedOffset(applicationId,
                new TopicPartition(topic, good.partition())) > offset;
    }

    /** Global stores: the good record's value is in the store of the topic. */
    private Progress inGlobalStore(TopologyDescription description, Sample<?> sample) {
        String store = description.globalStores().stream()
                .filter(global -> global.source().topicSet().contains(sample.topic().name()))
                .flatMap(global -> global.processor().stores().stream()).findFirst().orElseThrow();
        return (topic, good, offset) -> Objects.equals(streams.getKafkaStreams().store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
                .get(sample.storeKey()), good.value());
    }

    /** Plain consumers: the result follower knows the result, the schema follower the schema. */
    private Progress followedBy(String topic) {
        if (topic.equals(PlatformTopics.SCHEMAS.name())) {
            return (t, good, offset) -> schemas.find(SingleObjectEncoding.fingerprint((Schema) good.value()))
                    .isPresent();
        }
        return (t, good, offset) -> commands.getObject().recentResult(good.key()).isPresent();
    }
}
