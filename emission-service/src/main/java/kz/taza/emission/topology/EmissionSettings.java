package kz.taza.emission.topology;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

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
 * @param gapThreshold        silence of an AMS-required source after which a monitoring gap is declared
 * @param gapCheckEvery       how often (stream time) sources are checked for gaps
 * @param kpiFlushInterval    how often (wall clock) KPI changes are handed on to the KPI totals
 * @param referenceRefresh    how long counts derived from the facility registry are reused (wall clock)
 * @param recentExceedances   how many episodes per facility the read API keeps
 */
public record EmissionSettings(ZoneId zone, Duration futureTolerance, Set<Pollutant> monitoredPollutants,
        Set<Pollutant> requiredPollutants, int intervalMinutes, Duration gapThreshold, Duration gapCheckEvery,
        Duration kpiFlushInterval, Duration referenceRefresh, int recentExceedances) {

    public static EmissionSettings defaults() {
        return new EmissionSettings(ZoneOffset.ofHours(5), Duration.ofMinutes(5),
                EnumSet.complementOf(EnumSet.of(Pollutant.OTHER)),
                EnumSet.of(Pollutant.SO2, Pollutant.NOX, Pollutant.CO, Pollutant.DUST), 20, Duration.ofMinutes(60),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30), 20);
    }

    public ReadingRules readingRules() {
        return new ReadingRules(futureTolerance, monitoredPollutants);
    }

    public EmissionSettings withReferenceRefresh(Duration refresh) {
        return new EmissionSettings(zone, futureTolerance, monitoredPollutants, requiredPollutants, intervalMinutes,
                gapThreshold, gapCheckEvery, kpiFlushInterval, refresh, recentExceedances);
    }
}
