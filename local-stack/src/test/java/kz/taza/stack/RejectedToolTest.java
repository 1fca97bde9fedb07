package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaPrincipals;
import kz.taza.platform.errors.DeadLetterPublisher;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.errors.RejectedRecordHeaders.Stage;

/**
 * {@code ./taza rejected} as an operator uses it, against the local stack's own broker: the list names each dead
 * letter's source and reason, a replay puts the chosen record back on its source topic, and a wrong command line is
 * refused with the usage.
 */
class RejectedToolTest {

    @TempDir
    Path dir;

    private StandaloneBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void listsTheDeadLettersWithTheirReasonsAndReplaysTheChosenOneToItsSource() throws Exception {
        broker = new StandaloneBroker(Path.of("target", "broker-lib"), dir.resolve("broker"), PortCheck.freePort(),
                PortCheck.freePort());
        broker.start();
        broker.awaitReady(Duration.ofSeconds(90));
        try (Admin admin = Admin.create(broker.clientConfig(BrokerSecurity.ADMIN))) {
            admin.createTopics(List.of(new NewTopic("emission.reports.v1", 1, (short) 1),
                    new NewTopic("emission.reports-rejected.v1", 1, (short) 1))).all().get();
        }
        byte[] report = "a report the reader could not decode yet".getBytes(StandardCharsets.UTF_8);
        quarantine("emission.reports.v1", 41, "KZ-55-001", report, "UNKNOWN_SCHEMA");
        quarantine("emission.reports.v1", 42, "KZ-55-002", new byte[] {1, 2, 3}, "MALFORMED");

        // The newest local run's client settings, as ./taza up writes them (an older run's would not log in).
        Path runs = dir.resolve("local-stack").resolve("run");
        KafkaClientFiles.write(runs.resolve("20260101-080000"), broker.bootstrapServers(),
                BrokerCredentials.random(KafkaPrincipals.all()));
        Path newest = runs.resolve("20260101-090000");
        KafkaClientFiles.write(newest, broker.bootstrapServers(), broker.credentials());

        // listed as the launcher, from the newest run's settings by default
        Run list = run("list", "emission.reports-rejected.v1");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("2 dead letter(s) on emission.reports-rejected.v1")
                .contains("0@0").contains("from emission.reports.v1-0@41").contains("DESERIALIZATION UNKNOWN_SCHEMA")
                .contains("by emission-service").contains("key KZ-55-001")
                .contains("from emission.reports.v1-0@42").contains("MALFORMED");

        // the launcher reads dead letters but may not write a service's topic
        Run refused = run("replay", "emission.reports-rejected.v1", "--reason", "UNKNOWN_SCHEMA",
                "--client-properties", KafkaClientFiles.javaFile(newest, TazaPrincipals.LAUNCHER).toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("ERROR: ").contains("emission.reports.v1");
        assertThat(endOffset("emission.reports.v1")).isZero();

        // replayed as the run's administrator by default
        Run replay = run("replay", "emission.reports-rejected.v1", "--reason", "UNKNOWN_SCHEMA");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 1 dead letter(s)").contains("0@0 -> emission.reports.v1-0@0");
        List<ConsumerRecord<String, byte[]>> source = readAll("emission.reports.v1");
        assertThat(source).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("KZ-55-001");
            assertThat(record.value()).isEqualTo(report);
            assertThat(record.headers().lastHeader(RejectedRecordHeaders.REPLAYED_FROM)).isNotNull();
        });
    }

    @Test
    void aReplayWithoutAChoiceIsRefusedWithTheUsage() {
        Run run = run("replay", "emission.reports-rejected.v1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--all").contains("--record").contains("--reason");
    }

    @Test
    void everyCommandAnswersHelp() {
        assertThat(run("--help").out()).contains("list").contains("replay");
        assertThat(run("list", "--help").out()).contains("--bootstrap-servers").contains("--client-properties");
        assertThat(run("replay", "--help").out()).contains("--dry-run").contains("--force");
    }

    /** As the service that reads the topic would, with its own login. */
    private void quarantine(String topic, long offset, String key, byte[] value, String reason) {
        Map<String, Object> config = broker.clientConfig("emission-service");
        try (DeadLetterPublisher publisher = new DeadLetterPublisher(new KafkaProducer<>(config,
                new ByteArraySerializer(), new ByteArraySerializer()), Set.of(topic), "emission-service")) {
            publisher.publish(topic, 0, offset, key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(),
                    Stage.DESERIALIZATION, reason, new IllegalArgumentException("cannot decode"));
        }
    }

    private long endOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig(BrokerSecurity.ADMIN))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                    .offset();
        }
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = new java.util.HashMap<>(broker.clientConfig(BrokerSecurity.ADMIN));
        config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "rejected-tool-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RejectedTool.run(dir, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }
}
