package kz.taza.helm;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.TopologyDescription;

import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.kafka.TopologyInputs;

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
        // The platform's own reading of a topology, which also finds the repartition topics to quarantine.
        TopologyInputs inputs = TopologyInputs.of(applicationId, topologies);
        return new StreamsInputs(new TreeSet<>(inputs.topics()), new TreeSet<>(inputs.repartitionTopics()),
                new TreeSet<>(inputs.globalTopics()));
    }
}
