package kz.taza.archfixture.contracts;

import java.util.List;

import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/** Breaks no rule: a domain's contract names its topics. */
public final class FixtureTopics implements TopicCatalogue {

    public static final Topic<String, byte[]> EVENTS = Topic.named("fixture.events.v1").build();

    @Override
    public List<Topic<?, ?>> topics() {
        return List.of(EVENTS);
    }
}
