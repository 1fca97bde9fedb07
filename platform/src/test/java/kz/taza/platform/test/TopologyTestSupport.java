package kz.taza.platform.test;

import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.topic.Topic;

/**
 * {@link TopologyTestDriver} for Taza topologies: the same builders the services run, exactly-once settings, a fresh
 * state directory, and input/output topics typed by catalogue entries (so the tests go through the real codec).
 */
public final class TopologyTestSupport {

    private TopologyTestSupport() {
    }

    /** A driver over the given topologies, with wall-clock time starting at {@code start}. */
    public static TopologyTestDriver driver(Instant start, StreamsTopology... topologies) {
        StreamsBuilder builder = new StreamsBuilder();
        for (StreamsTopology topology : topologies) {
            topology.build(builder);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TestNames.unique("topology-test"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestNames.stateDir().toString());
        return new TopologyTestDriver(builder.build(), props, start);
    }

    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
