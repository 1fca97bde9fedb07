package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.test.TopologyTestSupport;
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

    @Test
    void keepsTheLatestValuePerKeyInAStoreWithTheTopicsSerdes() {
        // Long values: the driver's default serdes are byte arrays, so a store without the topic's serdes would fail.
        Topic<String, Long> counts = Topic.named("test.counts.v1").values(Serdes.Long()).build();
        StreamsTopology table = builder -> builder.globalTable(counts.name(), counts.consumed(),
                counts.materializedAs("test-counts"));

        try (TopologyTestDriver driver = TopologyTestSupport.driver(Instant.parse("2025-01-01T00:00:00Z"), table)) {
            TestInputTopic<String, Long> input = TopologyTestSupport.input(driver, counts);
            input.pipeInput("a", 1L);
            input.pipeInput("a", 2L);
            input.pipeInput("b", 5L);

            KeyValueStore<String, Long> store = driver.getKeyValueStore("test-counts");
            assertThat(store.get("a")).isEqualTo(2L);
            assertThat(store.get("b")).isEqualTo(5L);
        }
    }
}
