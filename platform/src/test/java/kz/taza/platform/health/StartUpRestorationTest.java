package kz.taza.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StartUpRestorationTest {

    private static final TopicPartition P0 = new TopicPartition("svc-store-changelog", 0);
    private static final TopicPartition P1 = new TopicPartition("svc-store-changelog", 1);

    @Test
    void notReadyWhileRunningWithActiveStoresStillRestoringAfterTheStart() {
        StartUpRestoration restoration = new StartUpRestoration();
        assertThat(restoration.ready(State.REBALANCING)).isFalse();

        restoration.onRestoreStart(P0, "store", 0, 100_000);
        restoration.onRestoreStart(P1, "store", 0, 100_000);
        // Kafka Streams is RUNNING while its state updater restores in the background
        assertThat(restoration.ready(State.RUNNING)).isFalse();
        restoration.onRestoreEnd(P0, "store", 100_000);
        assertThat(restoration.restoring()).containsExactly("store@svc-store-changelog-1");
        assertThat(restoration.ready(State.RUNNING)).isFalse();

        // a task moved away while restoring is no longer waited for
        restoration.onRestoreSuspended(P1, "store", 5_000);
        assertThat(restoration.ready(State.RUNNING)).isTrue();
    }

    @Test
    void onceServedARebalanceAndTheRestorationsItBringsLeaveItReady() {
        StartUpRestoration restoration = new StartUpRestoration();
        assertThat(restoration.ready(State.RUNNING)).isTrue();

        restoration.onRestoreStart(P0, "store", 0, 100_000);
        assertThat(restoration.ready(State.REBALANCING)).isTrue();
        assertThat(restoration.ready(State.RUNNING)).isTrue();
        assertThat(restoration.ready(State.PENDING_SHUTDOWN)).isFalse();
    }

    @Test
    void aStoppedApplicationRestoresAgainBeforeItIsReady() {
        StartUpRestoration restoration = new StartUpRestoration();
        assertThat(restoration.ready(State.RUNNING)).isTrue();

        restoration.stopped();
        restoration.onRestoreStart(P0, "store", 0, 10);
        assertThat(restoration.ready(State.RUNNING)).isFalse();
        restoration.onRestoreEnd(P0, "store", 10);
        assertThat(restoration.ready(State.RUNNING)).isTrue();
    }
}
