package kz.taza.archfixture.platform.kafka;

import kz.taza.platform.topic.Topic;

/** Wrong: platform wiring that declares a topic without being a topic catalogue. */
public final class NamesATopic {

    public Topic<String, byte[]> topic(String name) {
        return Topic.named(name).build();
    }
}
