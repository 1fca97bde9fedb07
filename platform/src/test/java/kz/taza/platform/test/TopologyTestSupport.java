package kz.taza.platform.test;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import kz.taza.platform.errors.DeadLetterPublisher;
import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.errors.StreamsDeadLetterHandler;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.kafka.TopologyInputs;
import kz.taza.platform.topic.Topic;

/**
 * {@link TopologyTestDriver} for Taza topologies: the same builders the services run, exactly-once settings, the
 * platform's exception handlers and quarantine, a fresh state directory, and input/output topics typed by catalogue
 * entries (so the tests go through the real codec).
 */
public final class TopologyTestSupport {

    private TopologyTestSupport() {
    }

    /** A driver over the given topologies, with wall-clock time starting at {@code start}. */
    public static TopologyTestDriver driver(Instant start, StreamsTopology... topologies) {
        return driver(start, deadLetters(), topologies);
    }

    /**
     * A driver whose routes without a transaction (global stores, the Streams handlers) write their dead letters to
     * {@code deadLetters}, as a service's do to its dead-letter producer; the routes of stream tasks write theirs to
     * the driver's output topics, as they write to the task's producer.
     */
    public static TopologyTestDriver driver(Instant start, MockProducer<byte[], byte[]> deadLetters,
            StreamsTopology... topologies) {
        StreamsBuilder builder = new StreamsBuilder();
        for (StreamsTopology topology : topologies) {
            topology.build(builder);
        }
        Topology topology = builder.build();
        String applicationId = TestNames.unique("topology-test");
        TopologyInputs inputs = TopologyInputs.of(topology.describe());
        Set<String> inputTopics = new HashSet<>(inputs.topics());
        inputTopics.addAll(inputs.globalTopics());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestNames.stateDir().toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(Quarantine.CONFIG, new Quarantine(new DeadLetterPublisher(deadLetters, inputTopics, applicationId),
                null, Clock.systemUTC()));
        return new TopologyTestDriver(topology, props, start);
    }

    /** A dead-letter producer for {@link #driver(Instant, MockProducer, StreamsTopology...)}, to look into. */
    public static MockProducer<byte[], byte[]> deadLetters() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
