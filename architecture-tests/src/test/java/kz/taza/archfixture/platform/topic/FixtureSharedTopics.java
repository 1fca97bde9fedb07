package kz.taza.archfixture.platform.topic;

import java.util.List;

import kz.taza.archfixture.events.common.FixtureCommonRecord;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/** Breaks no rule: a platform catalogue of a shared topic, over a shared record. */
public final class FixtureSharedTopics implements TopicCatalogue {

    static final Topic<String, byte[]> SHARED = Topic.named("fixture.shared.v1").build();

    public String describe(FixtureCommonRecord record) {
        return record.toString();
    }

    @Override
    public List<Topic<?, ?>> topics() {
        return List.of(SHARED);
    }
}
