package kz.taza.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * A failure of a state store (here RocksDB refusing a write, as a full or broken disk makes it) is not the record's
 * fault: the good record is not routed to the dead-letter topic, the application stops instead (liveness DOWN), and a
 * restart processes the record again.
 */
@SpringBootTest(classes = StoreFailureIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=store-failure-test")
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
@AutoConfigureRestTestClient
@DirtiesContext
class StoreFailureIntegrationTest {

    static final Topic<String, KpiValue> VALUES = Topic.named(TestNames.topic("test", "values"))
            .values(InputsTest.VALUES.valueSerde()).partitions(1).deadLettered().build();
    static final String STORE = "failing-store";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue testTopics() {
            return () -> List.of(VALUES);
        }

        /** Remembers each value in a store whose disk fails on the key "disk-full". */
        @Bean
        StreamsTopology remembering() {
            return builder -> {
                builder.addStateStore(Stores.keyValueStoreBuilder(failingOn("disk-full"), Serdes.String(),
                        Serdes.Double()));
                Inputs.stream(builder, VALUES).process(() -> new Processor<String, KpiValue, Void, Void>() {
                    private KeyValueStore<String, Double> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        store = context.getStateStore(STORE);
                    }

                    @Override
                    public void process(Record<String, KpiValue> record) {
                        store.put(record.key(), record.value().getValue());
                    }
                }, STORE);
            };
        }
    }

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    RestTestClient http;

    @Test
    void aStoreThatFailsStopsTheApplicationAndNothingGoesToTheDeadLetterTopic() throws Exception {
        KafkaTestClients.send(VALUES, Map.entry("fine", InputsTest.kpi("fine", 1.0)));
        Awaitility.await("running").atMost(Duration.ofSeconds(60))
                .until(() -> streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);

        KafkaTestClients.send(VALUES, Map.entry("disk-full", InputsTest.kpi("disk-full", 2.0)));

        Awaitility.await("Streams application in ERROR").atMost(Duration.ofSeconds(60))
                .until(() -> streams.getKafkaStreams().state() == KafkaStreams.State.ERROR);
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        // Dead letters are written before a handler answers: once the application has stopped, none will come.
        assertThat(endOffset(VALUES.rejectedTopicName())).isZero();
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(KafkaTestClients.asAdmin(Map.of()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get()
                    .offset();
        }
    }

    /** A persistent store whose writes of one key fail as RocksDB's do on a broken disk. */
    static KeyValueBytesStoreSupplier failingOn(String key) {
        KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(STORE);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new FailingStore(rocks.get(), Bytes.wrap(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }
        };
    }

    /** Delegates to a real store, except that putting the failing key throws. */
    static final class FailingStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
            implements KeyValueStore<Bytes, byte[]> {
        private final Bytes failing;

        FailingStore(KeyValueStore<Bytes, byte[]> inner, Bytes failing) {
            super(inner);
            this.failing = failing;
        }

        @Override
        public void put(Bytes key, byte[] value) {
            if (key.equals(failing)) {
                throw new ProcessorStateException("Error while putting key into store " + name()
                        + ": org.rocksdb.RocksDBException: IO error: No space left on device");
            }
            wrapped().put(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            return wrapped().putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<org.apache.kafka.streams.KeyValue<Bytes, byte[]>> entries) {
            entries.forEach(entry -> put(entry.key, entry.value));
        }

        @Override
        public byte[] delete(Bytes key) {
            return wrapped().delete(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return wrapped().get(key);
        }

        @Override
        public org.apache.kafka.streams.state.KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return wrapped().range(from, to);
        }

        @Override
        public org.apache.kafka.streams.state.KeyValueIterator<Bytes, byte[]> all() {
            return wrapped().all();
        }

        @Override
        public long approximateNumEntries() {
            return wrapped().approximateNumEntries();
        }
    }
}
