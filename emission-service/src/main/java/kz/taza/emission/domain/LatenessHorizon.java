package kz.taza.emission.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How late an AMS reading may arrive and still be counted. The pipeline remembers what it counted for each interval
 * (so that a reading sent twice is counted once, and a corrected one changes the totals by the difference), but only
 * for intervals within this horizon of the newest interval it has taken in: remembering every interval forever would
 * grow without bound for a national fleet. A reading for an interval older than that cannot be checked against what
 * was counted before, so it is neither counted (it might be a repeat) nor dropped in silence: it is rejected as
 * {@link ReadingViolation.Rule#TOO_LATE}, and its gateway's operator can see it on the rejected topic.
 *
 * <p>"Newest interval" is the newest interval start the pipeline has accepted from the same partition of the readings
 * topic (all readings of a facility share a partition). Intervals in the future are refused before they get here, so
 * one gateway with a wrong clock cannot make everyone else's readings late.
 */
public final class LatenessHorizon {

    private final Duration horizon;
    private final long horizonMillis;

    public LatenessHorizon(Duration horizon) {
        if (horizon.isNegative()) {
            throw new IllegalArgumentException("the lateness horizon cannot be negative, was " + horizon);
        }
        this.horizon = horizon;
        this.horizonMillis = horizon.toMillis();
    }

    public Duration horizon() {
        return horizon;
    }

    /**
     * True when an interval starting at {@code intervalStart} is beyond the horizon of the newest one
     * ({@code Long.MIN_VALUE} when there is none yet). Written as a difference so that nothing overflows.
     */
    public boolean tooLate(long intervalStart, long newestIntervalStart) {
        return newestIntervalStart > intervalStart && newestIntervalStart - intervalStart > horizonMillis;
    }

    /** The violation of a reading that is too late, for its rejection; {@code null} when it is not too late. */
    public ReadingViolation check(long intervalStart, long newestIntervalStart) {
        if (!tooLate(intervalStart, newestIntervalStart)) {
            return null;
        }
        Duration late = Duration.ofMillis(newestIntervalStart - intervalStart);
        return new ReadingViolation(ReadingViolation.Rule.TOO_LATE, "intervalStart", "interval start "
                + Instant.ofEpochMilli(intervalStart) + " is " + late + " before the newest interval taken in ("
                + Instant.ofEpochMilli(newestIntervalStart) + "), beyond the lateness horizon of " + horizon
                + " (taza.emission.max-reading-lateness): it can no longer be checked against what was counted, so"
                + " it is not counted");
    }
}
