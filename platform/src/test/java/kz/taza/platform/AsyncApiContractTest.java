package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.platform.test.AsyncApiDocument;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

class AsyncApiContractTest {

    @Test
    void documentsEveryPublicPlatformTopic() {
        assertThat(AsyncApiDocument.load().problemsWith(new PlatformTopics())).isEmpty();
    }

    @Test
    void reportsAPublicTopicThatTheDocumentLacks() {
        TopicCatalogue undocumented = () -> List.of(
                Topic.named("nowhere.undocumented.v1").publicTopic().build(),
                Topic.named("nowhere.internal-only.v1").build());

        assertThat(AsyncApiDocument.load().problemsWith(undocumented))
                .containsExactly("public topic nowhere.undocumented.v1 has no channel in docs/asyncapi.yaml");
    }
}
