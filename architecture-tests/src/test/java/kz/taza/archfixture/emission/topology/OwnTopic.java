package kz.taza.archfixture.emission.topology;

import kz.taza.platform.topic.Topic;

/** Wrong: a service declaring a topic of its own instead of taking it from the contracts. */
public final class OwnTopic {

    public Topic<String, byte[]> topic(String name) {
        return Topic.named(name).build();
    }
}
