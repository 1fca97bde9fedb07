package kz.taza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void aRateIsRecordsPerSecondOfTheElapsedNanoseconds() {
        assertThat(Stats.perSecond(1_000_000, 2_000_000_000L)).isEqualTo(500_000.0);
        assertThat(Stats.perSecond(3, 1_500_000L)).isEqualTo(2_000.0);
        assertThatThrownBy(() -> Stats.perSecond(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRatioAgainstNoBaselineIsNotANumber() {
        assertThat(Stats.ratio(60, 100)).isEqualTo(0.6);
        assertThat(Stats.ratio(60, 0)).isNaN();
    }

    @Test
    void percentilesAreNearestRankSoEachIsALatencySomeReadingHad() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Stats.percentile(oneToHundred, 50)).isEqualTo(50);
        assertThat(Stats.percentile(oneToHundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(oneToHundred, 100)).isEqualTo(100);
        long[] ten = LongStream.rangeClosed(1, 10).map(v -> v * 10).toArray();
        assertThat(Stats.percentile(ten, 95)).isEqualTo(100); // rank ceil(9.5) = 10
        assertThat(Stats.percentile(ten, 50)).isEqualTo(50);
        assertThat(Stats.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThatThrownBy(() -> Stats.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(ten, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latenciesOfAnUnsortedSampleAreTakenFromItsSortedCopy() {
        long[] sample = {300, 100, 200, 1_000, 400};
        Stats.Latencies l = Stats.Latencies.of(sample);
        assertThat(l.count()).isEqualTo(5);
        assertThat(l.p50()).isEqualTo(300);
        assertThat(l.p95()).isEqualTo(1_000);
        assertThat(l.p99()).isEqualTo(1_000);
        assertThat(l.max()).isEqualTo(1_000);
        assertThat(sample).containsExactly(300, 100, 200, 1_000, 400); // the caller's array is left alone
        assertThat(Stats.Latencies.of(new long[0]).isEmpty()).isTrue();
    }

    @Test
    void anApplicationHasCaughtUpOnlyWhenEveryNonEmptyPartitionIsCommittedToItsEnd() {
        TopicPartition p0 = new TopicPartition("t", 0);
        TopicPartition p1 = new TopicPartition("t", 1);
        TopicPartition empty = new TopicPartition("t", 2);
        Map<TopicPartition, Long> ends = Map.of(p0, 10L, p1, 5L, empty, 0L);
        assertThat(Harness.reached(Map.of(p0, new OffsetAndMetadata(10), p1, new OffsetAndMetadata(4)), ends))
                .isFalse();
        assertThat(Harness.reached(Map.of(p0, new OffsetAndMetadata(10)), ends)).isFalse();
        assertThat(Harness.reached(Map.of(p0, new OffsetAndMetadata(10), p1, new OffsetAndMetadata(5)), ends))
                .isTrue();
    }
}
