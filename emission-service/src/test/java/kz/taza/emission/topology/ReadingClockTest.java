package kz.taza.emission.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.emission.domain.LatenessHorizon;
import kz.taza.emission.domain.ReadingViolation;

/** The readings' own clock of a task: what lateness and monitoring gaps are measured against, and its restart. */
class ReadingClockTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2025-03-03T10:00:00Z").toEpochMilli();

    private TaskStores stores;
    private KeyValueStore<String, Long> store;
    private ReadingClock clock;

    @BeforeEach
    void start() {
        stores = new TaskStores().keyValue(EmissionStores.READING_CLOCK, Serdes.Long()).open();
        store = stores.keyValueStore(EmissionStores.READING_CLOCK);
        clock = newClock();
        clock.init(store);
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    @Test
    void nothingIsLateBeforeTheFirstReadingAndAnIntervalBeyondTheHorizonOfTheNewestIsTooLate() {
        assertThat(clock.lateness(T0 - Duration.ofDays(400).toMillis())).isNull();

        clock.accept(T0);

        assertThat(clock.lateness(T0 - Duration.ofDays(7).toMillis())).isNull();
        ReadingViolation late = clock.lateness(T0 - Duration.ofDays(7).toMillis() - 20 * MINUTE);
        assertThat(late.rule()).isEqualTo(ReadingViolation.Rule.TOO_LATE);
    }

    @Test
    void onlyANewerIntervalMovesTheNewestAndIsWrittenToTheStore() {
        clock.accept(T0);
        clock.accept(T0 - 20 * MINUTE);

        assertThat(clock.newestIntervalStart()).isEqualTo(T0);
        assertThat(store.get(ReadingClock.CLOCK_KEY)).isEqualTo(T0);
    }

    @Test
    void aGapCheckIsDueOnceEachTimeTheEventTimeReachesTheNextMinute() {
        // the first event time is a check: nothing was checked before
        assertThat(clock.advance(T0 + 20 * MINUTE)).isTrue();
        // an older or equal event time does not move the clock, a later one within the same minute is no check
        assertThat(clock.advance(T0)).isFalse();
        assertThat(clock.advance(T0 + 20 * MINUTE + 30_000)).isFalse();
        // the next minute is
        assertThat(clock.advance(T0 + 21 * MINUTE)).isTrue();
        assertThat(clock.now()).isEqualTo(T0 + 21 * MINUTE);
    }

    @Test
    void aRestartedTaskTakesTheClockUpFromItsStore() {
        clock.accept(T0);
        clock.advance(T0 + 20 * MINUTE);

        ReadingClock restarted = newClock();
        restarted.init(store);

        assertThat(restarted.newestIntervalStart()).isEqualTo(T0);
        assertThat(restarted.now()).isEqualTo(T0 + 20 * MINUTE);
        assertThat(restarted.advance(T0 + 20 * MINUTE + 30_000)).isFalse();
        assertThat(restarted.advance(T0 + 21 * MINUTE)).isTrue();
    }

    private static ReadingClock newClock() {
        return new ReadingClock(new LatenessHorizon(Duration.ofDays(7)), Duration.ofMinutes(1));
    }
}
