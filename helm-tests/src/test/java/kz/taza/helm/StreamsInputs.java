package kz.taza.helm;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;

import kz.taza.platform.kafka.StreamsTopology;

/**
 * What a service's Kafka Streams application consumes, read from its real topology: the service's
 * {@link StreamsTopology} beans ({@link ServiceClasses#streamsTopologies()}) added to one builder as the platform's
 * Streams application adds them, then {@link TopologyDescription}.
 * <ul>
 * <li>{@code topics}: the topics its stream tasks subscribe to with the application's consumer group, whose lag KEDA
 * can measure;</li>
 * <li>{@code repartitionTopics}: those of them the application writes itself, by the name the topology gives them;
 * on the cluster each is {@code <application id>-<name>};</li>
 * <li>{@code globalTopics}: the topics of global stores (GlobalKTables), which the global consumer reads without a
 * consumer group: there is no committed offset, hence no lag, to scale on.</li>
 * </ul>
 */
record StreamsInputs(Set<String> topics, Set<String> repartitionTopics, Set<String> globalTopics) {

    private static final Map<String, StreamsInputs> BY_SERVICE = new ConcurrentHashMap<>();

    static StreamsInputs of(String service) {
        return BY_SERVICE.computeIfAbsent(service, s -> describe(s, ServiceClasses.of(s).streamsTopologies()));
    }

    static StreamsInputs describe(String applicationId, List<StreamsTopology> topologies) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // The builder the platform's StreamsBuilderFactoryBean makes: configured from the same properties.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        topologies.forEach(topology -> topology.build(builder));
        TopologyDescription description = builder.build(props).describe();

        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (source.topicPattern() != null) {
                        throw new IllegalStateException(applicationId + " subscribes to the pattern "
                                + source.topicPattern() + ": KEDA needs topic names");
                    }
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinks.add(sink.topic());
                }
            }
        }
        Set<String> repartition = new TreeSet<>();
        Set<String> external = new TreeSet<>();
        for (String topic : sources) {
            // A repartition topic is written and read by the application itself, under a name the builder suffixes.
            (sinks.contains(topic) && topic.endsWith("-repartition") ? repartition : external).add(topic);
        }
        Set<String> global = new TreeSet<>();
        for (TopologyDescription.GlobalStore store : description.globalStores()) {
            global.addAll(store.source().topicSet());
        }
        return new StreamsInputs(external, repartition, global);
    }
}
