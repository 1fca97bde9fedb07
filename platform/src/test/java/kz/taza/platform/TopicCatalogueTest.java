package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.TopicDeclarations;

class TopicCatalogueTest {

    private static final Topic<String, byte[]> READINGS = Topic.named("emission.ams-readings.v1")
            .partitions(12).retention(Duration.ofDays(7)).deadLettered().publicTopic().build();

    @Test
    void namesTheDeadLetterTopicAfterItsSource() {
        assertThat(READINGS.rejectedTopicName()).isEqualTo("emission.ams-readings-rejected.v1");
        assertThat(Topic.rejectedTopicNameOf("permit.commands.v1")).isEqualTo("permit.commands-rejected.v1");
    }

    @Test
    void refusesNamesOutsideTheConvention() {
        assertThatThrownBy(() -> Topic.named("Readings").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<domain>.<name>.v<major>");
    }

    @Test
    void declaresEachTopicWithItsDeadLetterTopicPolicyAndRetention() {
        TopicDeclarations declarations = new TopicDeclarations(List.of(() -> List.of(READINGS)));

        NewTopic[] declared = declarations.newTopics((short) 3, Map.of());

        assertThat(declared).extracting(NewTopic::name)
                .containsExactly("emission.ams-readings.v1", "emission.ams-readings-rejected.v1");
        assertThat(declared[0].numPartitions()).isEqualTo(12);
        assertThat(declared[0].replicationFactor()).isEqualTo((short) 3);
        assertThat(declared[0].configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
        assertThat(declared[1].numPartitions()).isEqualTo(12);
        assertThat(declarations.deadLetteredTopicNames()).containsExactly("emission.ams-readings.v1");
    }

    @Test
    void appliesAnOperatorsPartitionOverride() {
        TopicDeclarations declarations = new TopicDeclarations(List.of(() -> List.of(READINGS)));

        NewTopic[] declared = declarations.newTopics((short) 1, Map.of("emission.ams-readings.v1", 24));

        assertThat(declared[0].numPartitions()).isEqualTo(24);
    }

    @Test
    void acceptsTheSameTopicFromTwoCataloguesButRefusesTwoDifferentDeclarations() {
        TopicCatalogue owner = () -> List.of(READINGS);
        TopicCatalogue reader = () -> List.of(READINGS);
        TopicCatalogue disagreeing = () -> List.of(Topic.named("emission.ams-readings.v1").partitions(3).build());

        assertThat(Arrays.asList(new TopicDeclarations(List.of(owner, reader)).newTopics((short) 1, Map.of())))
                .hasSize(2);
        assertThatThrownBy(() -> new TopicDeclarations(List.of(owner, disagreeing)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("emission.ams-readings.v1");
    }
}
