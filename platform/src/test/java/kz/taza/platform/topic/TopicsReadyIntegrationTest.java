package kz.taza.platform.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.TestNames;

/** On the real in-process broker: the start-up hold ends when the topics are served, and fails loudly when not. */
class TopicsReadyIntegrationTest {

    private final KafkaAdmin admin = new KafkaAdmin(
            KafkaTestClients.asAdmin(Map.of()));

    @Test
    void givenTopicsJustCreatedWhenTheServiceStartsItProceedsOnceEveryPartitionIsServed() {
        String topic = TestNames.topic("ready", "created");
        admin.createOrModifyTopics(new NewTopic(topic, 6, (short) 1));
        TopicsReady ready = new TopicsReady(admin, List.of(topic), Duration.ofSeconds(60));

        ready.start();

        assertThat(ready.isRunning()).isTrue();
        assertThat(admin.describeTopics(topic).get(topic).partitions()).hasSize(6)
                .allSatisfy(p -> assertThat(p.leader()).isNotNull());
    }

    @Test
    void givenADeclaredTopicThatNeverAppearsWhenTheServiceStartsItFailsNamingTheTopic() {
        String missing = TestNames.topic("ready", "missing");
        TopicsReady ready = new TopicsReady(admin, List.of(missing), Duration.ofSeconds(2));

        assertThatThrownBy(ready::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared topics are not visible on the cluster after PT2S")
                .hasMessageContaining(missing);
        assertThat(ready.isRunning()).isFalse();
    }
}
