package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.ContextConfiguration;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * A {@code @KafkaListener} gets the same error routing as a Streams app: a record that does not decode, and one whose
 * processing fails, go to the dead-letter topic as their original bytes; the listener carries on.
 */
@SpringBootTest(classes = ListenerErrorRoutingIntegrationTest.App.class,
        properties = {"spring.application.name=listener-routing-test", "spring.main.web-application-type=none"})
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
class ListenerErrorRoutingIntegrationTest {

    static final Topic<String, KpiValue> INPUT = Topic.named(TestNames.topic("test", "listened"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(1).deadLettered().build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue listenedTopics() {
            return () -> List.of(INPUT);
        }

        @Bean
        String listenedTopicName() {
            return INPUT.name();
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    /** Remembers what it processed; refuses a value whose KPI id is "explode". */
    static class Recorder {
        final List<String> processed = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "#{@listenedTopicName}")
        void onRecord(ConsumerRecord<String, byte[]> record) {
            KpiValue value = INPUT.value(record);
            if (value.getKpiId().equals("explode")) {
                throw new IllegalArgumentException("cannot record " + value.getKpiId());
            }
            processed.add(value.getKpiId());
        }
    }

    @Autowired
    Recorder recorder;

    @Test
    void routesUndecodableAndFailingRecordsToTheDeadLetterTopicAndKeepsListening() {
        byte[] poison = new byte[40];
        new Random(7).nextBytes(poison);
        byte[] explode = INPUT.valueSerde().serializer().serialize(INPUT.name(),
                StreamsErrorRoutingIntegrationTest.kpi("explode", 1));

        KafkaTestClients.send(INPUT, Map.entry("a", StreamsErrorRoutingIntegrationTest.kpi("first", 1)));
        KafkaTestClients.sendRaw(INPUT.name(), "b", poison);
        KafkaTestClients.sendRaw(INPUT.name(), "c", explode);
        KafkaTestClients.send(INPUT, Map.entry("d", StreamsErrorRoutingIntegrationTest.kpi("second", 2)));

        Awaitility.await("listener processed the good records").atMost(Duration.ofSeconds(30))
                .until(() -> recorder.processed.size() >= 2);
        assertThat(recorder.processed).containsExactly("first", "second");

        List<ConsumerRecord<byte[], byte[]>> rejected = KafkaTestClients.readRawUntil(INPUT.rejectedTopicName(),
                records -> records.size() >= 2);
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).value()).isEqualTo(poison);
        assertThat(KafkaTestClients.header(rejected.get(0).headers(), RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("DESERIALIZATION");
        assertThat(KafkaTestClients.header(rejected.get(0).headers(), RejectedRecordHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(rejected.get(1).value()).isEqualTo(explode);
        assertThat(KafkaTestClients.header(rejected.get(1).headers(), RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("PROCESSING");
        assertThat(KafkaTestClients.header(rejected.get(1).headers(), RejectedRecordHeaders.ERROR_CLASS))
                .isEqualTo(IllegalArgumentException.class.getName());
        assertThat(KafkaTestClients.header(rejected.get(1).headers(), RejectedRecordHeaders.REJECTED_BY))
                .isEqualTo("listener-routing-test");
    }
}
