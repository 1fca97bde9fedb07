package kz.taza.emission.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import kz.taza.platform.test.TestNames;

/**
 * Real Kafka Streams stores (RocksDB, without changelog or cache) for a collaborator's unit test, made and initialised
 * by a {@link TopologyTestDriver} as a task's stores are. Declare the stores, then {@link #open}; close after the test.
 */
final class TaskStores implements AutoCloseable {

    private final List<StoreBuilder<?>> builders = new ArrayList<>();
    private TopologyTestDriver driver;

    TaskStores keyValue(String name, Serde<?> values) {
        builders.add(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled());
        return this;
    }

    TaskStores window(String name, Duration retention, Duration windowSize, Serde<?> values) {
        builders.add(Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, windowSize, false),
                Serdes.String(), values).withLoggingDisabled());
        return this;
    }

    /** The store of older interval blocks, with the topology's retention. */
    TaskStores intervalBlocks(EmissionSettings settings) {
        return window(EmissionStores.CONTRIBUTIONS, settings.intervalRetention(), CountedIntervals.BLOCK,
                CountedIntervals.SERDE);
    }

    /** The store of older periods, with the topology's retention. */
    TaskStores periods(EmissionSettings settings) {
        return window(EmissionStores.SOURCE_PERIODS, settings.periodRetention(), Duration.ofDays(1), Serdes.Long());
    }

    TaskStores open() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), "task-stores-in");
        topology.addProcessor("holder", () -> new Processor<Object, Object, Void, Void>() {
            @Override
            public void process(Record<Object, Object> record) {
                // holds the stores; the test calls the collaborator directly
            }
        }, "in");
        for (StoreBuilder<?> builder : builders) {
            topology.addStateStore(builder, "holder");
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TestNames.unique("task-stores"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestNames.stateDir().toString());
        driver = new TopologyTestDriver(topology, props, Instant.parse("2025-03-10T12:00:00Z"));
        return this;
    }

    <V> KeyValueStore<String, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    <V> WindowStore<String, V> windowStore(String name) {
        return driver.getWindowStore(name);
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
    }
}
