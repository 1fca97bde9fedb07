package kz.taza.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import kz.taza.platform.errors.DeadLetterPublisher;
import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.kafka.KafkaClients;
import kz.taza.platform.test.BadBytes;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.codec.RuntimeSchemas;
import kz.taza.schemas.codec.SingleObjectEncoding;

/**
 * The schema topic on the real broker: a producer publishes its writer schemas before it writes, a newer compatible
 * version of a type is accepted and found by readers, an incompatible one is refused at start-up with a message that
 * names the type, the fingerprint and the field, and a record on the topic that is no writer schema is quarantined while
 * the follower goes on.
 */
public class SchemaTopicIntegrationTest {

    @BeforeAll
    static void declareTopics() {
        KafkaTestClients.ensureTopics(PlatformTopics.SCHEMAS);
    }

    @Test
    void aPublishedSchemaIsFoundByAnotherProcessesFollower() {
        Schema thing = thing(TestNames.unique("Thing").replace('-', '_'), "\"int\"");

        publish("producer-a", thing);
        SchemaTopic reader = start("reader-b", List.of());
        try {
            assertThat(reader.find(SingleObjectEncoding.fingerprint(thing))).contains(thing);
            assertThat(reader.isFollowing()).isTrue();
        } finally {
            reader.stop();
        }
    }

    @Test
    void aNewerCompatibleVersionIsPublishedAndResolvedWhileTheReaderRuns() {
        String name = TestNames.unique("Thing").replace('-', '_');
        Schema v1 = thing(name, "\"int\"");
        Schema v2 = withField(v1, "site", "\"somewhere\"");
        SchemaTopic reader = start("reader-c", List.of(v1));
        try {
            publish("producer-d", v2);

            // a reader that was running before v2 existed resolves it, through the JVM's run-time sources
            assertThat(RuntimeSchemas.find(SingleObjectEncoding.fingerprint(v2))).contains(v2);
            assertThat(reader.find(SingleObjectEncoding.fingerprint(v2))).contains(v2);
        } finally {
            reader.stop();
        }
    }

    @Test
    void anIncompatibleVersionIsRefusedAtStartUpNamingTypeFingerprintAndField() {
        String name = TestNames.unique("Thing").replace('-', '_');
        publish("producer-e", thing(name, "\"int\""));
        Schema breaking = thing(name, "\"string\"");

        assertThatThrownBy(() -> start("producer-f", List.of(breaking)))
                .isInstanceOf(SchemaTopic.IncompatibleSchemaException.class)
                .hasMessageContaining("producer-f refuses to start")
                .hasMessageContaining("kz.taza.test." + name)
                .hasMessageContaining(SingleObjectEncoding.hex(SingleObjectEncoding.fingerprint(breaking)))
                .hasMessageContaining("field count")
                .hasMessageContaining(PlatformTopics.SCHEMAS.name());
    }

    @Test
    void aRecordThatIsNoWriterSchemaIsQuarantinedAndTheFollowerGoesOn() {
        MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        SchemaTopic reader = new SchemaTopic(clients("reader-g"), new Quarantine(new DeadLetterPublisher(
                deadLetters, java.util.Set.of(PlatformTopics.SCHEMAS.name()), "reader-g"), null, Clock.systemUTC()),
                "reader-g", List.of(), Duration.ofSeconds(10), Clock.systemUTC());
        reader.start();
        try {
            String key = TestNames.unique("garbage");
            KafkaTestClients.sendRaw(PlatformTopics.SCHEMAS.name(), key, BadBytes.garbage());
            Schema after = thing(TestNames.unique("Thing").replace('-', '_'), "\"int\"");
            publish("producer-h", after);

            assertThat(reader.find(SingleObjectEncoding.fingerprint(after))).contains(after);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.history().stream()
                    .anyMatch(r -> new String(r.key()).equals(key)));
            assertThat(deadLetters.history()).filteredOn(r -> new String(r.key()).equals(key)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.topic()).isEqualTo(PlatformTopics.SCHEMAS.rejectedTopicName());
                        assertThat(RejectedRecordHeaders.text(r.headers(), RejectedRecordHeaders.ERROR_REASON))
                                .isEqualTo("MALFORMED");
                    });
            assertThat(reader.isFollowing()).isTrue();
        } finally {
            reader.stop();
        }
    }

    /** Publishes the schemas as a producer starting with them does, and stops its follower. */
    public static void publish(String application, Schema... schemas) {
        KafkaTestClients.ensureTopics(PlatformTopics.SCHEMAS);
        start(application, List.of(schemas)).stop();
    }

    /** The schema with one more field, at the end, with a default (a compatible change). */
    public static Schema withField(Schema schema, String field, String defaultJson) {
        String json = schema.toString();
        int end = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, end) + ",{\"name\":\"" + field
                + "\",\"type\":\"string\",\"default\":" + defaultJson + "}" + json.substring(end));
    }

    static SchemaTopic start(String application, List<Schema> schemas) {
        SchemaTopic topic = new SchemaTopic(clients(application), new Quarantine(new DeadLetterPublisher(
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                java.util.Set.of(PlatformTopics.SCHEMAS.name()), application), null, Clock.systemUTC()),
                application, schemas, Duration.ofSeconds(10), Clock.systemUTC());
        topic.start();
        return topic;
    }

    static KafkaClients clients(String application) {
        Map<String, Object> common = KafkaTestClients.asAdmin(Map.of());
        Map<String, Object> consumer = new java.util.HashMap<>(common);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaClients(new DefaultKafkaProducerFactory<>(common), new DefaultKafkaConsumerFactory<>(consumer),
                application);
    }

    static Schema thing(String name, String countType) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name
                + "\",\"namespace\":\"kz.taza.test\",\"fields\":[{\"name\":\"count\",\"type\":" + countType + "}]}");
    }
}
