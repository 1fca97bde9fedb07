package kz.taza.permit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.platform.test.AsyncApiDocument;
import kz.taza.platform.topic.Topic;

/** The permit topics other agencies and services rely on are documented, and the keyed state is co-partitioned. */
class PermitTopicContractTest {

    @Test
    void everyPublicPermitTopicIsDocumentedInTheAsyncApiDocument() {
        assertThat(AsyncApiDocument.load().problemsWith(new PermitTopics())).isEmpty();
    }

    @Test
    void stateTopicsAreCompactedPublicAndCoPartitionedForJoins() {
        assertThat(PermitTopics.FACILITIES.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
        assertThat(PermitTopics.PERMITS.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
        assertThat(PermitTopics.EVENTS.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.DELETE);
        assertThat(List.of(PermitTopics.FACILITIES, PermitTopics.PERMITS, PermitTopics.EVENTS)).allMatch(Topic::isPublic)
                .allMatch(t -> t.partitions() == PermitTopics.FACILITIES.partitions());
        assertThat(PermitTopics.COMMANDS.isPublic()).isFalse();
        assertThat(PermitTopics.COMMANDS.deadLettered()).isTrue();
        assertThat(PermitTopics.REGISTRY.partitions()).isEqualTo(PermitTopics.PARTITIONS);
    }
}
