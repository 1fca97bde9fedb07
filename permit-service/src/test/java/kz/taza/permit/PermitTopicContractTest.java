package kz.taza.permit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import kz.taza.permit.command.PermitCommandTopics;
import kz.taza.platform.test.AsyncApiDocument;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.catalogue.PermitTopics;

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
        assertThat(new PermitTopics().topics()).allMatch(Topic::isPublic)
                .allMatch(t -> t.partitions() == PermitTopics.FACILITIES.partitions());
        assertThat(PermitCommandTopics.COMMANDS.isPublic()).isFalse();
        assertThat(PermitCommandTopics.COMMANDS.deadLettered()).isTrue();
        assertThat(PermitCommandTopics.REGISTRY.partitions()).isEqualTo(PermitTopics.PARTITIONS);
    }
}
