package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The local stack's broker, started exactly as {@code ./taza} starts it (from {@code target/broker-lib}, which the
 * build fills before the tests), on free ports in a temporary directory, secured: each client logs in as a principal.
 */
class StandaloneBrokerTest {

    private static final Path BROKER_LIB = Path.of("target", "broker-lib");
    private static final Duration READY = Duration.ofSeconds(90);

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
    void aRecordProducedToTheStandaloneBrokerIsConsumedAndStoppingLeavesNoProcess() throws Exception {
        // given a fresh standalone broker
        broker = new StandaloneBroker(BROKER_LIB, dir.resolve("broker"), PortCheck.freePort(), PortCheck.freePort());
        broker.start();
        broker.awaitReady(READY);
        long pid = broker.process().pid();

        // when the administrator creates a topic (auto-creation is off) and a record goes through it
        try (Admin admin = Admin.create(broker.clientConfig(BrokerSecurity.ADMIN))) {
            admin.createTopics(List.of(new NewTopic("stack.check.v1", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("stack.check.v1", "facility-1", "hello from Pavlodar")).get();
        }
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("stack.check.v1", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
        }

        // then it arrives as sent, and the broker wrote its log and data where it was told
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("facility-1");
            assertThat(r.value()).isEqualTo("hello from Pavlodar");
        });
        assertThat(broker.logFile()).isNotEmptyFile();
        assertThat(Files.list(broker.dataDirectory()).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("stack.check.v1-"));

        // when it is stopped, no process of it is left
        broker.close();
        assertThat(broker.process().isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(ProcessHandle.current().children()).noneMatch(p -> p.pid() == pid);
    }

    @Test
    void theKpiFeedShowsCommittedKpiRecordsFromTheBeginning() throws Exception {
        // given a broker with the KPI topic and one KPI already on it before the view starts
        broker = new StandaloneBroker(BROKER_LIB, dir.resolve("broker"), PortCheck.freePort(), PortCheck.freePort());
        broker.start();
        broker.awaitReady(READY);
        try (Admin admin = Admin.create(broker.clientConfig(BrokerSecurity.ADMIN))) {
            admin.createTopics(List.of(PlatformTopics.KPI_VALUES.toNewTopic(2, (short) 1))).all().get();
        }
        KpiDefinition change = EmissionKpis.REPORTED_CHANGE_PCT;
        Instant now = Instant.now();
        KpiValue national = change.value(KpiScopes.NATIONAL, KpiPeriods.year(2024), -6.0, null, null, 40, now, now);
        Properties transactional = producerConfig();
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stack-test");
        try (KafkaProducer<String, KpiValue> producer = new KafkaProducer<>(transactional, new StringSerializer(),
                AvroSerdes.of(KpiValue.class).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(PlatformTopics.KPI_VALUES.name(),
                    change.key(KpiScopes.NATIONAL, KpiPeriods.year(2024)), national));
            producer.commitTransaction();
            // an aborted KPI must never show
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(PlatformTopics.KPI_VALUES.name(),
                    change.key(KpiScopes.TOP50_CAT1, KpiPeriods.year(2024)),
                    change.value(KpiScopes.TOP50_CAT1, KpiPeriods.year(2024), 99.0, null, null, 1, now, now)));
            producer.flush();
            producer.abortTransaction();
            // and a committed one after the aborted one marks where reading must have got to
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(PlatformTopics.KPI_VALUES.name(),
                    change.key(KpiScopes.NATIONAL, KpiPeriods.year(2023)),
                    change.value(KpiScopes.NATIONAL, KpiPeriods.year(2023), 1.2, null, null, 30, now, now)));
            producer.commitTransaction();
        }

        // when the feed reads the topic, logged in as the launcher
        KpiBoard board = new KpiBoard();
        try (KpiFeed feed = new KpiFeed(broker.clientConfig(TazaPrincipals.LAUNCHER), board, () -> { }).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (board) {
                    return board.keys() == 2;
                }
            });
        }

        // then the national tile shows the committed value and the aborted one was never read
        synchronized (board) {
            assertThat(board.received()).isEqualTo(2);
            assertThat(board.rows().get(0).text()).isEqualTo("−6.0 %  (2024 vs 2023)");
            assertThat(board.rows().get(1).text()).isEqualTo("—");
        }
    }

    /** The administrator's: the test's topics are not in the access model. */
    private Properties producerConfig() {
        Properties config = new Properties();
        config.putAll(broker.clientConfig(BrokerSecurity.ADMIN));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.putAll(broker.clientConfig(BrokerSecurity.ADMIN));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
