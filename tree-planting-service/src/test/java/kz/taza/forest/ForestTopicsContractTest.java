package kz.taza.forest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.forest.ForestTopics;
import kz.taza.platform.test.AsyncApiDocument;
import kz.taza.platform.topic.Topic;

/** The forest topics as documented: the public one in docs/asyncapi.yaml, the internal ones not public. */
class ForestTopicsContractTest {

    @Test
    void everyPublicForestTopicIsDocumentedInAsyncApi() {
        assertThat(AsyncApiDocument.load().problemsWith(new ForestTopics())).isEmpty();
    }

    @Test
    void onlyTheEventsTopicIsPublic() {
        assertThat(new ForestTopics().topics()).filteredOn(Topic::isPublic).extracting(Topic::name)
                .containsExactly("forest.events.v1");
        assertThat(ForestTopics.FOREST_COMMANDS.deadLettered()).isTrue();
    }
}
