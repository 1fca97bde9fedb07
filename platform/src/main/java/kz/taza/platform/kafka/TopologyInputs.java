package kz.taza.platform.kafka;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;

/**
 * What a Streams application consumes, read from its real topology ({@link TopologyDescription}): the service's
 * {@link StreamsTopology} beans added to one builder as the platform's Streams application adds them.
 *
 * @param topics            the topics its stream tasks subscribe to with the application's consumer group (not its
 *                          repartition topics)
 * @param repartitionTopics the topics it writes and reads itself, by the name the topology gives them; on the cluster
 *                          each is {@code <application id>-<name>} ({@link #repartitionTopicsOf})
 * @param globalTopics      the topics of its global stores, read whole by every instance without a consumer group
 */
public record TopologyInputs(Set<String> topics, Set<String> repartitionTopics, Set<String> globalTopics) {

    /** The inputs of the topologies, as an application with this id would run them. */
    public static TopologyInputs of(String applicationId, List<? extends StreamsTopology> topologies) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // The builder the platform's StreamsBuilderFactoryBean makes: configured from the same properties.
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        topologies.forEach(topology -> topology.build(builder));
        return of(builder.build(props).describe());
    }

    /** The inputs a topology description shows. */
    public static TopologyInputs of(TopologyDescription description) {
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (source.topicPattern() != null) {
                        throw new IllegalStateException("a topology subscribes to the pattern "
                                + source.topicPattern() + ": Taza topologies read topics by name");
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
        return new TopologyInputs(Set.copyOf(external), Set.copyOf(repartition), Set.copyOf(global));
    }

    /** The repartition topics by their names on the cluster, for the application with this id. */
    public Set<String> repartitionTopicsOf(String applicationId) {
        return repartitionTopics.stream().map(name -> applicationId + "-" + name)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
