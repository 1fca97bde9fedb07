package kz.taza.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.errors.RejectedRecordHeaders.Stage;
import kz.taza.platform.test.BadBytes;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;

/**
 * The operator's way back from a dead-letter topic, on the real broker: the dead letters are listed with their
 * reasons, one per record however many instances wrote it, and the chosen ones go back to their source topic as their
 * original key and bytes; a compacted source is refused unless forced.
 */
class RejectedRecordsIntegrationTest {

    static final Topic<String, KpiValue> VALUES = Topic.named(TestNames.topic("test", "values"))
            .values(InputsTest.VALUES.valueSerde()).partitions(1).deadLettered().build();
    static final Topic<String, KpiValue> STATE = Topic.named(TestNames.topic("test", "state"))
            .values(InputsTest.VALUES.valueSerde()).partitions(1).compacted().deadLettered().build();

    private final RejectedRecords rejected = new RejectedRecords(KafkaTestClients.asAdmin(Map.of()));

    @Test
    void listsEachDeadLetterOnceWithItsReasonAndReplaysTheChosenOnesToTheirSource() {
        KafkaTestClients.createTopics(VALUES);
        byte[] fixed = InputsTest.bytes(InputsTest.kpi("F-1", 2.0));
        // two instances dead-letter the same record (a global store's topic is read by every instance)
        quarantine("instance-a", VALUES.name(), 7, "F-1", fixed);
        quarantine("instance-b", VALUES.name(), 7, "F-1", fixed);
        quarantine("instance-a", VALUES.name(), 8, "F-2", BadBytes.garbage());

        List<RejectedRecords.DeadLetter> letters = rejected.list(VALUES.rejectedTopicName());

        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).source()).isEqualTo(VALUES.name() + "-0@7");
        assertThat(letters.get(0).copies()).isEqualTo(2);
        assertThat(letters.get(0).reason()).isEqualTo("UNKNOWN_SCHEMA");
        assertThat(letters.get(0).stage()).isEqualTo("DESERIALIZATION");
        assertThat(letters.get(0).keyText()).isEqualTo("F-1");

        List<RejectedRecords.Replayed> replayed = rejected.replay(VALUES.rejectedTopicName(),
                letter -> letter.position().equals(letters.get(0).position()), false);

        assertThat(replayed).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> source = KafkaTestClients.readRawUntil(VALUES.name(),
                records -> !records.isEmpty());
        assertThat(source).singleElement().satisfies(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("F-1");
            assertThat(record.value()).isEqualTo(fixed);
            assertThat(KafkaTestClients.header(record.headers(), RejectedRecordHeaders.REPLAYED_FROM))
                    .isEqualTo(VALUES.rejectedTopicName() + "/0/" + letters.get(0).offset());
            assertThat(record.headers().lastHeader(RejectedRecordHeaders.ERROR_CLASS)).isNull();
            assertThat(record.headers().lastHeader("trace")).isNotNull();
        });
    }

    @Test
    void refusesToReplayOntoACompactedTopicUnlessForced() {
        KafkaTestClients.createTopics(STATE);
        quarantine("instance-a", STATE.name(), 3, "F-9", InputsTest.bytes(InputsTest.kpi("F-9", 1.0)));

        assertThatThrownBy(() -> rejected.replay(STATE.rejectedTopicName(), letter -> true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compacted").hasMessageContaining(STATE.name()).hasMessageContaining("--force");
        assertThat(rejected.replay(STATE.rejectedTopicName(), letter -> true, true)).hasSize(1);
    }

    /** A dead letter as an instance's publisher writes it. */
    private static void quarantine(String instance, String topic, long offset, String key, byte[] value) {
        Map<String, Object> config = KafkaTestClients.asAdmin(Map.of());
        DeadLetterPublisher publisher = new DeadLetterPublisher(new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer()), Set.of(topic), instance);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        try (publisher) {
            new Quarantine(publisher, null, Clock.systemUTC()).quarantine(topic, 0, offset,
                    key.getBytes(StandardCharsets.UTF_8), value, headers, Stage.DESERIALIZATION, "UNKNOWN_SCHEMA",
                    new IllegalArgumentException("unknown writer schema"));
        }
    }
}
