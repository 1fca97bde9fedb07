package kz.taza.platform.kafka;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;

import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicDeclarations;

/**
 * The dead-letter topics of a Streams application's repartition topics: {@code <application id>-<name>-repartition}
 * has {@code <application id>-<name>-repartition-rejected}, under the application's internal-topic prefix. They are
 * found in the application's real topology ({@link TopologyInputs}) and declared at start-up with the service's other
 * topics, since no catalogue can name them (the application id is configuration).
 */
public final class RepartitionDeadLetters {

    private final Set<String> names;

    public RepartitionDeadLetters(String applicationId, List<? extends StreamsTopology> topologies) {
        this.names = topologies.isEmpty() ? Set.of()
                : TopologyInputs.of(applicationId, topologies).repartitionTopicsOf(applicationId).stream()
                        .map(Topic::rejectedTopicNameOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The dead-letter topics' names. */
    public Set<String> names() {
        return names;
    }

    /** Their declarations: as many partitions as the service's widest declared topic, kept as long as the broker's default. */
    public List<NewTopic> newTopics(TopicDeclarations declarations, short replicationFactor) {
        int partitions = declarations.topics().stream().mapToInt(Topic::partitions).max().orElse(1);
        return names.stream().sorted().map(name -> new NewTopic(name, partitions, replicationFactor)).toList();
    }
}
