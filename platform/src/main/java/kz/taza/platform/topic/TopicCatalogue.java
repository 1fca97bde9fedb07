package kz.taza.platform.topic;

import java.util.ArrayList;
import java.util.List;

/**
 * The topics one domain owns or reads. Each service exposes its catalogue as a bean; the platform declares every
 * topic of every catalogue at start-up (brokers run with auto-create off) and checks the public ones against the
 * AsyncAPI document.
 */
@FunctionalInterface
public interface TopicCatalogue {

    /** The topics of this catalogue, without their dead-letter topics. */
    List<Topic<?, ?>> topics();

    /** The topics and, for each dead-lettered topic, its dead-letter topic. */
    default List<Topic<?, ?>> topicsWithDeadLetters() {
        List<Topic<?, ?>> all = new ArrayList<>();
        for (Topic<?, ?> topic : topics()) {
            all.add(topic);
            if (topic.deadLettered()) {
                all.add(topic.rejectedTopic());
            }
        }
        return all;
    }
}
