package kz.taza.emission.topology;

import java.time.Duration;

import org.apache.kafka.streams.state.KeyValueStore;

import kz.taza.emission.domain.LatenessHorizon;
import kz.taza.emission.domain.ReadingViolation;

/**
 * The readings' own clock of one task ({@link EmissionStores#READING_CLOCK}, two entries, logged so that it survives
 * restarts and moves with the task):
 * <ul>
 * <li>the newest interval start accepted, which lateness is measured against ({@link LatenessHorizon});</li>
 * <li>the newest event time of an accepted reading (its interval end, clamped), which monitoring gaps are measured
 * against, and the next multiple of {@code gapCheckEvery} at or past which the sources are checked for gaps.</li>
 * </ul>
 * Neither is the task's stream time: the task also reads {@code emission.reports.v1}, whose record timestamps are
 * submission times. A report submitted today would otherwise make a whole replay of last month's readings late, and
 * declare every source of the replay silent at once. Only accepted readings move the clock: a rejected or too-late
 * reading says nothing about what time it is. When no reading arrives, the clock stands still and no gap is declared.
 */
final class ReadingClock {

    /** Key of the newest accepted interval start. */
    static final String CLOCK_KEY = "newest-interval-start";
    /** Key of the newest accepted reading's event time. */
    static final String EVENT_TIME_KEY = "newest-event-time";

    private final LatenessHorizon lateness;
    private final long gapCheckEveryMillis;
    private KeyValueStore<String, Long> store;
    private long newestIntervalStart;
    private long newestEventTime;
    private long nextGapCheck;

    ReadingClock(LatenessHorizon lateness, Duration gapCheckEvery) {
        this.lateness = lateness;
        this.gapCheckEveryMillis = Math.max(1L, gapCheckEvery.toMillis());
    }

    /** Takes the clock up from the task's store (empty for a new task). */
    void init(KeyValueStore<String, Long> clockStore) {
        this.store = clockStore;
        Long newest = clockStore.get(CLOCK_KEY);
        this.newestIntervalStart = newest == null ? Long.MIN_VALUE : newest;
        Long eventTime = clockStore.get(EVENT_TIME_KEY);
        this.newestEventTime = eventTime == null ? Long.MIN_VALUE : eventTime;
        this.nextGapCheck = eventTime == null ? Long.MIN_VALUE : checkAfter(eventTime);
    }

    /** The TOO_LATE violation of an interval beyond the horizon of the newest one; null when it is in time. */
    ReadingViolation lateness(long intervalStart) {
        return lateness.check(intervalStart, newestIntervalStart);
    }

    /** An interval was accepted: it may be the newest. */
    void accept(long intervalStart) {
        if (intervalStart > newestIntervalStart) {
            newestIntervalStart = intervalStart;
            store.put(CLOCK_KEY, intervalStart);
        }
    }

    /** The newest interval start accepted; {@code Long.MIN_VALUE} before the first. */
    long newestIntervalStart() {
        return newestIntervalStart;
    }

    /**
     * Moves the clock to an accepted reading's event time; true when that reaches the next gap-check boundary (the
     * caller checks every source then, after the reading itself was taken in, so the source that moved the clock is
     * never seen as silent by its own reading).
     */
    boolean advance(long eventTime) {
        if (eventTime <= newestEventTime) {
            return false;
        }
        newestEventTime = eventTime;
        store.put(EVENT_TIME_KEY, eventTime);
        if (eventTime < nextGapCheck) {
            return false;
        }
        nextGapCheck = checkAfter(eventTime);
        return true;
    }

    /** The newest event time of an accepted reading: the "now" of gap checks. */
    long now() {
        return newestEventTime;
    }

    /** The first check boundary (a multiple of gapCheckEvery) after the given time. */
    private long checkAfter(long time) {
        return Math.floorDiv(time, gapCheckEveryMillis) * gapCheckEveryMillis + gapCheckEveryMillis;
    }
}
