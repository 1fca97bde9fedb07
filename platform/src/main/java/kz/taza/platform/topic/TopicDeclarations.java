package kz.taza.platform.topic;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * Turns the catalogues of a service into the topic declarations the broker gets at start-up. A topic may be listed by
 * several catalogues (its owner, and the services that read it, so that a reader never starts against a missing
 * topic); they must then agree on it, or the service refuses to start.
 */
public final class TopicDeclarations {

    private final Map<String, Topic<?, ?>> byName;

    public TopicDeclarations(Collection<? extends TopicCatalogue> catalogues) {
        Map<String, Topic<?, ?>> topics = new LinkedHashMap<>();
        for (TopicCatalogue catalogue : catalogues) {
            for (Topic<?, ?> topic : catalogue.topicsWithDeadLetters()) {
                Topic<?, ?> earlier = topics.putIfAbsent(topic.name(), topic);
                if (earlier != null && !sameDeclaration(earlier, topic)) {
                    throw new IllegalStateException("topic " + topic.name()
                            + " is declared twice with different partitions, cleanup policy, retention or visibility");
                }
            }
        }
        this.byName = topics;
    }

    public List<Topic<?, ?>> topics() {
        return List.copyOf(byName.values());
    }

    /** Names of the topics whose bad records go to a dead-letter topic. */
    public Set<String> deadLetteredTopicNames() {
        return byName.values().stream().filter(Topic::deadLettered).map(Topic::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The declarations, with partition counts overridden from configuration where an operator set one. */
    public NewTopic[] newTopics(short replicationFactor, Map<String, Integer> partitionOverrides) {
        return byName.values().stream()
                .map(topic -> topic.toNewTopic(partitionOverrides.getOrDefault(topic.name(), topic.partitions()),
                        replicationFactor))
                .toArray(NewTopic[]::new);
    }

    private static boolean sameDeclaration(Topic<?, ?> a, Topic<?, ?> b) {
        return a.partitions() == b.partitions() && a.cleanupPolicy() == b.cleanupPolicy()
                && a.retention().equals(b.retention()) && a.visibility() == b.visibility()
                && a.deadLettered() == b.deadLettered();
    }
}
