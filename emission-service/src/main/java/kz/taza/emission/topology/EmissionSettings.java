package kz.taza.emission.topology;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import kz.taza.emission.domain.LatenessHorizon;
import kz.taza.emission.domain.ReadingRules;
import kz.taza.events.common.Pollutant;

/**
 * What the emission topology needs to know, set from {@code taza.emission.*} (see EmissionProperties).
 *
 * @param zone                KPI periods are cut in this zone
 * @param futureTolerance     how far in the future an interval may start (gateway clock drift)
 * @param monitoredPollutants pollutants readings may be sent for
 * @param requiredPollutants  pollutants every AMS-required source must measure (data availability)
 * @param intervalMinutes     interval length expected from AMS-required sources (data availability)
 * @param gapThreshold        silence of an AMS-required source (readings' event time) after which a monitoring gap
 *                            is declared
 * @param gapCheckEvery       how often (readings' event time, not stream time) sources are checked for gaps
 * @param kpiFlushInterval    how often (wall clock) KPI changes are handed on to the KPI totals
 * @param referenceRefresh    how long counts derived from the facility registry are reused (wall clock)
 * @param recentExceedances   how many episodes per facility the read API keeps
 * @param maxReadingLateness  how far behind the newest interval of its partition a reading may be and still be
 *                            counted; per-interval state is kept for this long (see {@link LatenessHorizon})
 */
public record EmissionSettings(ZoneId zone, Duration futureTolerance, Set<Pollutant> monitoredPollutants,
        Set<Pollutant> requiredPollutants, int intervalMinutes, Duration gapThreshold, Duration gapCheckEvery,
        Duration kpiFlushInterval, Duration referenceRefresh, int recentExceedances, Duration maxReadingLateness) {

    /** Default lateness horizon; EmissionProperties#maxReadingLateness says why a week. */
    public static final Duration DEFAULT_MAX_READING_LATENESS = Duration.ofDays(7);

    /**
     * Kept on top of the horizon by the window stores: a store's retention is measured from the newest window it
     * holds, and an accepted reading's window must never be at the very edge of what the store still answers for.
     */
    static final Duration RETENTION_MARGIN = Duration.ofHours(1);

    /** The longest KPI period whose per-source count is kept (a month); its start is up to 31 days before a day. */
    static final Duration LONGEST_PERIOD = Duration.ofDays(31);

    public EmissionSettings {
        if (maxReadingLateness.isNegative()) {
            throw new IllegalArgumentException("max-reading-lateness cannot be negative, was " + maxReadingLateness);
        }
    }

    public static EmissionSettings defaults() {
        return new EmissionSettings(ZoneOffset.ofHours(5), Duration.ofMinutes(5),
                EnumSet.complementOf(EnumSet.of(Pollutant.OTHER)),
                EnumSet.of(Pollutant.SO2, Pollutant.NOX, Pollutant.CO, Pollutant.DUST), 20, Duration.ofMinutes(60),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30), 20,
                DEFAULT_MAX_READING_LATENESS);
    }

    public ReadingRules readingRules() {
        return new ReadingRules(futureTolerance, monitoredPollutants);
    }

    public LatenessHorizon latenessHorizon() {
        return new LatenessHorizon(maxReadingLateness);
    }

    /**
     * Retention of the older blocks of counted intervals ({@link CountedIntervals}), whose windows start at the start
     * of their block: a reading just inside the horizon may belong to a block that began up to a block's length
     * before it; and a margin.
     */
    public Duration intervalRetention() {
        return maxReadingLateness.plus(CountedIntervals.BLOCK).plus(RETENTION_MARGIN);
    }

    /**
     * Retention of the per-source period counts, whose windows start at the start of their day or month: a reading
     * just inside the horizon may belong to a month that began up to 31 days before it.
     */
    public Duration periodRetention() {
        return maxReadingLateness.plus(LONGEST_PERIOD).plus(RETENTION_MARGIN);
    }

    public EmissionSettings withReferenceRefresh(Duration refresh) {
        return new EmissionSettings(zone, futureTolerance, monitoredPollutants, requiredPollutants, intervalMinutes,
                gapThreshold, gapCheckEvery, kpiFlushInterval, refresh, recentExceedances, maxReadingLateness);
    }

    public EmissionSettings withMaxReadingLateness(Duration lateness) {
        return new EmissionSettings(zone, futureTolerance, monitoredPollutants, requiredPollutants, intervalMinutes,
                gapThreshold, gapCheckEvery, kpiFlushInterval, referenceRefresh, recentExceedances, lateness);
    }
}
