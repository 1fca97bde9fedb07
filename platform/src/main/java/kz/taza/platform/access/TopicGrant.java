package kz.taza.platform.access;

import kz.taza.platform.topic.Topic;

/**
 * What a service may do with one topic: the row of its access model that its ACLs and its chart's KafkaUser are made
 * from.
 *
 * @param topic the topic (a dead-letter topic too)
 * @param owned the service's domain owns it: the service's chart declares it
 * @param read  the service consumes it
 * @param write the service produces to it
 */
public record TopicGrant(Topic<?, ?> topic, boolean owned, boolean read, boolean write) {

    public String name() {
        return topic.name();
    }

    TopicGrant merge(TopicGrant other) {
        return new TopicGrant(topic, owned || other.owned, read || other.read, write || other.write);
    }
}
