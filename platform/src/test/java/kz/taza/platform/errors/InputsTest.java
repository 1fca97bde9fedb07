package kz.taza.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.test.BadBytes;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.Topic;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Every way into a topology quarantines what does not decode and goes on: streams and repartition topics inside the
 * task's transaction (the dead letter is a sink of the sub-topology), tables and global stores keeping the previous
 * value of the key.
 */
class InputsTest {

    static final Topic<String, KpiValue> VALUES = Topic.named(TestNames.topic("test", "values"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(1).deadLettered().build();
    static final Topic<String, Double> DOUBLED = Topic.named(TestNames.topic("test", "doubled"))
            .values(Serdes.Double()).partitions(1).build();
    static final Topic<String, KpiValue> REFERENCE = Topic.named(TestNames.topic("test", "reference"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(1).compacted().deadLettered().build();
    static final Topic<String, KpiValue> GLOBAL = Topic.named(TestNames.topic("test", "global"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(1).compacted().deadLettered().build();
    static final Topic<String, KpiValue> REGROUPED = Topic.named(TestNames.topic("test", "regrouped"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(1).build();

    private final MockProducer<byte[], byte[]> deadLetters = TopologyTestSupport.deadLetters();
    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aStreamQuarantinesEachBadRecordWithItsHeadersAndProcessesTheNext() {
        driver = TopologyTestSupport.driver(Instant.parse("2024-06-01T00:00:00Z"), deadLetters,
                builder -> Inputs.stream(builder, VALUES).mapValues(value -> value.getValue() * 2)
                        .to(DOUBLED.name(), DOUBLED.produced()));
        TestInputTopic<String, byte[]> raw = raw(VALUES.name());
        byte[] good = bytes(kpi("k", 1.5));

        BadBytes.all(good).values().forEach(bad -> raw.pipeInput("bad", bad));
        raw.pipeInput("good", good);

        assertThat(output(DOUBLED).readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("good=3.0");
        List<TestRecord<String, byte[]>> rejected = rejected(VALUES.rejectedTopicName());
        assertThat(rejected).hasSize(3);
        assertThat(rejected).extracting(TestRecord::value).containsExactlyElementsOf(BadBytes.all(good).values());
        assertThat(rejected).extracting(r -> header(r.headers(), RejectedRecordHeaders.ERROR_REASON))
                .containsExactly("MALFORMED", "MALFORMED", "UNKNOWN_SCHEMA");
        assertThat(rejected).extracting(r -> header(r.headers(), RejectedRecordHeaders.SOURCE_OFFSET))
                .containsExactly("0", "1", "2");
        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("bad");
            assertThat(header(r.headers(), RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("DESERIALIZATION");
            assertThat(header(r.headers(), RejectedRecordHeaders.SOURCE_TOPIC)).isEqualTo(VALUES.name());
            assertThat(header(r.headers(), RejectedRecordHeaders.ERROR_CLASS)).startsWith("kz.taza.schemas.codec.");
            assertThat(header(r.headers(), RejectedRecordHeaders.REJECTED_BY)).startsWith("topology-test");
        });
        assertThat(deadLetters.history()).as("nothing outside the transaction").isEmpty();
    }

    @Test
    void aTableKeepsTheKeysPreviousValueWhenItsNewRecordIsQuarantined() {
        driver = TopologyTestSupport.driver(Instant.parse("2024-06-01T00:00:00Z"), deadLetters,
                builder -> Inputs.table(builder, REFERENCE, "reference-store"));
        TestInputTopic<String, byte[]> raw = raw(REFERENCE.name());
        raw.pipeInput("F-1", bytes(kpi("F-1", 10.0)));

        raw.pipeInput("F-1", BadBytes.garbage());

        KeyValueStore<String, ValueAndTimestamp<KpiValue>> store = driver.getTimestampedKeyValueStore(
                "reference-store");
        assertThat(store.get("F-1").value().getValue()).isEqualTo(10.0);
        assertThat(rejected(REFERENCE.rejectedTopicName())).hasSize(1);

        raw.pipeInput("F-1", (byte[]) null);
        assertThat(store.get("F-1")).as("a tombstone still deletes").isNull();
    }

    @Test
    void aGlobalStoreQuarantinesWhatDoesNotDecodeOrFailsItsCheckAndKeepsThePreviousValue() {
        StreamsTopology global = builder -> Inputs.globalTable(builder, GLOBAL, "global-store",
                (key, value) -> key.equals(value.getKpiId()) ? null : "key " + key + " is not " + value.getKpiId());
        driver = TopologyTestSupport.driver(Instant.parse("2024-06-01T00:00:00Z"), deadLetters, global);
        TestInputTopic<String, byte[]> raw = raw(GLOBAL.name());
        raw.pipeInput("F-1", bytes(kpi("F-1", 10.0)));
        byte[] good = bytes(kpi("F-1", 20.0));

        BadBytes.all(good).values().forEach(bad -> raw.pipeInput("F-1", bad));
        raw.pipeInput("F-1", bytes(kpi("F-2", 30.0)));

        KeyValueStore<String, ValueAndTimestamp<KpiValue>> store = driver.getTimestampedKeyValueStore("global-store");
        assertThat(store.get("F-1").value().getValue()).isEqualTo(10.0);
        assertThat(deadLetters.history()).hasSize(4).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(GLOBAL.rejectedTopicName());
            assertThat(new String(r.key())).isEqualTo("F-1");
        });
        assertThat(deadLetters.history()).extracting(r -> header(r.headers(), RejectedRecordHeaders.ERROR_REASON))
                .containsExactly("MALFORMED", "MALFORMED", "UNKNOWN_SCHEMA", QuarantinedGlobalStore.CHECK_FAILURE);

        raw.pipeInput("F-1", good);
        assertThat(store.get("F-1").value().getValue()).isEqualTo(20.0);
    }

    @Test
    void aGlobalStoreTellsItsListenersEachKeyItWroteOrDeletedAndNothingOfWhatItQuarantined() {
        List<String> changed = new ArrayList<>();
        StreamsTopology global = builder -> Inputs.globalTable(builder, GLOBAL, "global-store",
                (key, value) -> key.equals(value.getKpiId()) ? null : "key " + key + " is not " + value.getKpiId())
                .onChange(key -> changed.add(key + "=" + valueOf(key)));
        driver = TopologyTestSupport.driver(Instant.parse("2024-06-01T00:00:00Z"), deadLetters, global);
        TestInputTopic<String, byte[]> raw = raw(GLOBAL.name());

        raw.pipeInput("F-1", bytes(kpi("F-1", 10.0)));
        raw.pipeInput("F-1", BadBytes.garbage());
        raw.pipeInput("F-1", bytes(kpi("F-2", 30.0)));
        raw.pipeInput("F-2", bytes(kpi("F-2", 20.0)));
        raw.pipeInput("F-1", (byte[]) null);

        assertThat(changed).as("told after the write, so a listener reading the store sees the new value")
                .containsExactly("F-1=10.0", "F-2=20.0", "F-1=null");
    }

    private Double valueOf(String key) {
        ValueAndTimestamp<KpiValue> value = driver.<String, KpiValue>getTimestampedKeyValueStore(
                "global-store").get(key);
        return value == null ? null : value.value().getValue();
    }

    @Test
    void aRepartitionTopicQuarantinesToItsOwnDeadLetterTopic() {
        driver = TopologyTestSupport.driver(Instant.parse("2024-06-01T00:00:00Z"), deadLetters,
                builder -> Inputs.repartition(Inputs.stream(builder, VALUES)
                                .selectKey((key, value) -> value.getScope(), Named.as("by-scope")),
                        "by-scope", VALUES.valueSerde())
                        .to(REGROUPED.name(), REGROUPED.produced()));
        raw(VALUES.name()).pipeInput("F-1", bytes(kpi("F-1", 1.0)));
        String repartition = driver.producedTopicNames().stream().filter(t -> t.endsWith("-by-scope-repartition"))
                .findFirst().orElseThrow();
        assertThat(output(REGROUPED).readKeyValuesToList()).hasSize(1);

        raw(repartition).pipeInput("NATIONAL", BadBytes.garbage());
        raw(repartition).pipeInput("NATIONAL", bytes(kpi("F-2", 2.0)));

        assertThat(output(REGROUPED).readValuesToList()).extracting(KpiValue::getKpiId).containsExactly("F-2");
        List<TestRecord<String, byte[]>> rejected = rejected(repartition + "-rejected");
        assertThat(rejected).hasSize(1);
        assertThat(header(rejected.get(0).headers(), RejectedRecordHeaders.SOURCE_TOPIC)).isEqualTo(repartition);
    }

    private TestInputTopic<String, byte[]> raw(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return TopologyTestSupport.output(driver, topic);
    }

    private List<TestRecord<String, byte[]>> rejected(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    static byte[] bytes(KpiValue value) {
        return VALUES.valueSerde().serializer().serialize(VALUES.name(), value);
    }

    static String header(Headers headers, String key) {
        return RejectedRecordHeaders.text(headers, key);
    }

    static KpiValue kpi(String id, double value) {
        Instant at = Instant.parse("2024-06-01T00:00:00Z");
        return KpiValue.newBuilder().setKpiId(id).setScope("NATIONAL")
                .setPeriod(KpiPeriod.newBuilder().setGranularity(KpiGranularity.YEAR)
                        .setStart(LocalDate.of(2024, 1, 1)).build())
                .setValue(value).setUnit("t").setInputEvents(1).setDataAsOf(at).setComputedAt(at).build();
    }
}
