package kz.taza.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.schema.SchemaTopicIntegrationTest;
import kz.taza.platform.test.BadBytes;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.SingleObjectEncoding;

/**
 * On the real broker: garbage, a truncated record and an unknown fingerprint on a stream, a table and a global store
 * are each quarantined with their headers, the application stays RUNNING and processes the next good record, and
 * operators see it in the metric and the health component. And a rolling upgrade: a producer already on a newer
 * version of the record (a field added, with a default) is read by this older consumer, nothing rejected.
 */
@SpringBootTest(classes = QuarantineIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=quarantine-test")
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
@AutoConfigureRestTestClient
class QuarantineIntegrationTest {

    static final Topic<String, KpiValue> VALUES = Topic.named(TestNames.topic("test", "values"))
            .values(InputsTest.VALUES.valueSerde()).partitions(1).deadLettered().build();
    static final Topic<String, Double> DOUBLED = Topic.named(TestNames.topic("test", "doubled"))
            .values(Serdes.Double()).partitions(1).build();
    static final Topic<String, KpiValue> REFERENCE = Topic.named(TestNames.topic("test", "reference"))
            .values(InputsTest.VALUES.valueSerde()).partitions(1).compacted().deadLettered().build();
    static final Topic<String, KpiValue> GLOBAL = Topic.named(TestNames.topic("test", "global"))
            .values(InputsTest.VALUES.valueSerde()).partitions(1).compacted().deadLettered().build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue testTopics() {
            return () -> List.of(VALUES, DOUBLED, REFERENCE, GLOBAL);
        }

        @Bean
        StreamsTopology inputs() {
            return builder -> {
                Inputs.stream(builder, VALUES).mapValues(value -> value.getValue() * 2)
                        .to(DOUBLED.name(), DOUBLED.produced());
                Inputs.table(builder, REFERENCE, "reference-store");
                Inputs.globalTable(builder, GLOBAL, "global-store");
            };
        }
    }

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    RestTestClient http;

    @Test
    void everyBadRecordIsQuarantinedWithItsHeadersAndTheNextGoodOneIsProcessed() {
        byte[] good = InputsTest.bytes(InputsTest.kpi("F-1", 4.0));
        for (Topic<String, KpiValue> topic : List.of(VALUES, REFERENCE, GLOBAL)) {
            BadBytes.all(good).values().forEach(bad -> KafkaTestClients.sendRaw(topic.name(), "F-1", bad));
            KafkaTestClients.sendRaw(topic.name(), "F-1", good);
        }

        for (Topic<String, KpiValue> topic : List.of(VALUES, REFERENCE, GLOBAL)) {
            List<ConsumerRecord<byte[], byte[]>> rejected = KafkaTestClients.readRawUntil(topic.rejectedTopicName(),
                    records -> records.size() >= 3);
            assertThat(rejected).as(topic.name()).hasSize(3);
            assertThat(rejected).extracting(ConsumerRecord::value)
                    .containsExactlyElementsOf(BadBytes.all(good).values());
            assertThat(rejected).extracting(r -> KafkaTestClients.header(r.headers(),
                    RejectedRecordHeaders.ERROR_REASON)).containsExactly("MALFORMED", "MALFORMED", "UNKNOWN_SCHEMA");
            assertThat(rejected).extracting(r -> KafkaTestClients.header(r.headers(),
                    RejectedRecordHeaders.SOURCE_OFFSET)).containsExactly("0", "1", "2");
            assertThat(rejected).allSatisfy(r -> {
                assertThat(new String(r.key())).isEqualTo("F-1");
                assertThat(KafkaTestClients.header(r.headers(), RejectedRecordHeaders.SOURCE_TOPIC))
                        .isEqualTo(topic.name());
                assertThat(KafkaTestClients.header(r.headers(), RejectedRecordHeaders.ERROR_STAGE))
                        .isEqualTo("DESERIALIZATION");
                assertThat(KafkaTestClients.header(r.headers(), RejectedRecordHeaders.REJECTED_BY))
                        .startsWith("quarantine-test");
            });
        }
        assertThat(KafkaTestClients.readUntil(DOUBLED, records -> !records.isEmpty()))
                .extracting(ConsumerRecord::value).containsExactly(8.0);
        Awaitility.await("the good records in the table and the global store").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    assertThat(store("reference-store").get("F-1")).isNotNull();
                    assertThat(store("global-store").get("F-1")).isNotNull();
                });

        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        String prometheus = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(prometheus).contains("taza_quarantine_records_total{reason=\"UNKNOWN_SCHEMA\",topic=\""
                + GLOBAL.name() + "\"} 1.0");
        http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.quarantine.status").isEqualTo("UP")
                .jsonPath("$.components.quarantine.details['" + VALUES.name() + "'].quarantined").isEqualTo(3);
    }

    @Test
    void aConsumerBuiltWithTheOlderSchemaReadsWhatAnUpgradedProducerWritesNothingRejected() throws IOException {
        // given a producer on a newer KpiValue (a field added at the end, with a default) that published it first
        Schema newer = SchemaTopicIntegrationTest.withField(KpiValue.getClassSchema(), "region", "\"unknown\"");
        SchemaTopicIntegrationTest.publish("upgraded-producer", newer);

        // when it writes with it to a topic this application reads
        KafkaTestClients.sendRaw(VALUES.name(), "F-upgraded",
                upgraded(newer, InputsTest.kpi("F-upgraded", 21.0), "55"));

        // then the older consumer decodes it into its own schema, and nothing is quarantined
        assertThat(KafkaTestClients.readUntil(DOUBLED, records -> records.stream()
                .anyMatch(r -> r.key().equals("F-upgraded")))).filteredOn(r -> r.key().equals("F-upgraded"))
                .extracting(ConsumerRecord::value).containsExactly(42.0);
        assertThat(KafkaTestClients.readRawUntil(VALUES.rejectedTopicName(), records -> true))
                .noneMatch(r -> new String(r.key()).equals("F-upgraded"));
    }

    private ReadOnlyKeyValueStore<String, KpiValue> store(String name) {
        return streams.getKafkaStreams().store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.keyValueStore()));
    }

    /**
     * A message as the upgraded producer writes it: the newer schema's header, then the body, which is the current
     * record's body followed by the added (last) field.
     */
    static byte[] upgraded(Schema newer, KpiValue current, String addedField) throws IOException {
        byte[] encoded = InputsTest.bytes(current);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SingleObjectEncoding.header(newer));
        out.write(encoded, SingleObjectEncoding.HEADER_LENGTH, encoded.length - SingleObjectEncoding.HEADER_LENGTH);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        encoder.writeString(addedField);
        encoder.flush();
        return out.toByteArray();
    }
}
