package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
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

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * A record that cannot be decoded, and one whose processing fails, both end up in the input's dead-letter topic as
 * the original bytes with the error in headers; the application stays RUNNING and processes the records around them
 * exactly once.
 */
@SpringBootTest(classes = StreamsErrorRoutingIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=error-routing-test")
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
@AutoConfigureRestTestClient
class StreamsErrorRoutingIntegrationTest {

    static final Topic<String, KpiValue> INPUT = Topic.named(TestNames.topic("test", "values"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(1).deadLettered().build();
    static final Topic<String, Double> OUTPUT = Topic.named(TestNames.topic("test", "doubled"))
            .values(Serdes.Double()).partitions(1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue testTopics() {
            return () -> List.of(INPUT, OUTPUT);
        }

        /** Doubles each value; a value whose KPI id is "explode" makes processing fail. */
        @Bean
        StreamsTopology doubling() {
            return builder -> builder.stream(INPUT.name(), INPUT.consumed())
                    .mapValues(value -> {
                        if (value.getKpiId().equals("explode")) {
                            throw new IllegalArgumentException("cannot double " + value.getKpiId());
                        }
                        return value.getValue() * 2;
                    })
                    .to(OUTPUT.name(), OUTPUT.produced());
        }
    }

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    RestTestClient http;

    @Test
    void routesPoisonPillsToTheDeadLetterTopicAndKeepsProcessing() {
        byte[] poison = new byte[64];
        new Random(42).nextBytes(poison);
        KpiValue explode = kpi("explode", 3.0);
        byte[] explodeBytes = INPUT.valueSerde().serializer().serialize(INPUT.name(), explode);

        KafkaTestClients.send(INPUT, Map.entry("k1", kpi("first", 1.0)));
        KafkaTestClients.sendRaw(INPUT.name(), "k2", poison);
        KafkaTestClients.sendRaw(INPUT.name(), "k3", explodeBytes);
        KafkaTestClients.send(INPUT, Map.entry("k4", kpi("second", 2.5)));

        List<ConsumerRecord<byte[], byte[]>> rejected = KafkaTestClients.readRawUntil(INPUT.rejectedTopicName(),
                records -> records.size() >= 2);
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).value()).isEqualTo(poison);
        assertThat(new String(rejected.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(KafkaTestClients.header(rejected.get(0).headers(), RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("DESERIALIZATION");
        assertThat(KafkaTestClients.header(rejected.get(0).headers(), RejectedRecordHeaders.ERROR_CLASS))
                .endsWith("MalformedEventException");
        assertThat(KafkaTestClients.header(rejected.get(0).headers(), RejectedRecordHeaders.SOURCE_TOPIC)).isEqualTo(INPUT.name());
        assertThat(KafkaTestClients.header(rejected.get(0).headers(), RejectedRecordHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(KafkaTestClients.header(rejected.get(0).headers(), RejectedRecordHeaders.SOURCE_OFFSET)).isEqualTo("1");

        assertThat(rejected.get(1).value()).isEqualTo(explodeBytes);
        assertThat(KafkaTestClients.header(rejected.get(1).headers(), RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("PROCESSING");
        assertThat(KafkaTestClients.header(rejected.get(1).headers(), RejectedRecordHeaders.ERROR_CLASS))
                .isEqualTo(IllegalArgumentException.class.getName());
        assertThat(KafkaTestClients.header(rejected.get(1).headers(), RejectedRecordHeaders.ERROR_MESSAGE))
                .contains("cannot double explode");
        assertThat(KafkaTestClients.header(rejected.get(1).headers(), RejectedRecordHeaders.SOURCE_OFFSET)).isEqualTo("2");

        List<ConsumerRecord<String, Double>> doubled = KafkaTestClients.readUntil(OUTPUT,
                records -> records.stream().anyMatch(r -> r.key().equals("k4")));
        assertThat(doubled).extracting(ConsumerRecord::key).containsExactly("k1", "k4");
        assertThat(doubled).extracting(ConsumerRecord::value).containsExactly(2.0, 5.0);

        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    static KpiValue kpi(String id, double value) {
        Instant now = Instant.parse("2024-06-01T00:00:00Z");
        return KpiValue.newBuilder().setKpiId(id).setScope("NATIONAL")
                .setPeriod(KpiPeriod.newBuilder().setGranularity(KpiGranularity.YEAR)
                        .setStart(LocalDate.of(2024, 1, 1)).build())
                .setValue(value).setUnit("t").setInputEvents(1).setDataAsOf(now).setComputedAt(now).build();
    }
}
