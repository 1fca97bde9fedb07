package kz.taza.emission.topology;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.WindowStore;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.emission.domain.LatenessHorizon;
import kz.taza.emission.domain.LimitKind;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.EmissionSource;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * What each accepted reading contributes to the measured-emission and AMS KPIs, counted exactly once per interval: a
 * reading sent again changes nothing, a corrected one (another status or value for the same interval) changes the
 * totals by the difference, a late one (within the lateness horizon) is counted in its own day and month.
 * <ul>
 * <li>{@code emissions.measured.tonnes}: the tonnes of a VALID interval, in its month, rounded once to the gram
 * ({@link Micros}) where they enter the totals; a correction takes back exactly the grams counted before;</li>
 * <li>{@code ams.data_availability_pct}: a VALID interval of a required pollutant of an AMS-required source with AMS
 * installed (per the registry), in its day;</li>
 * <li>{@code ams.sources.transmitting}: an AMS-required source with its first VALID interval of a day or a month
 * (and back, when a correction leaves it none); the same change counted under its enterprise's own scope is what
 * {@code ams.enterprises.connected.count} counts enterprises from ({@link PendingKpis#drainInto});</li>
 * <li>{@code emissions.exceedances.count}: an episode started, in its month ({@link #countExceedance}).</li>
 * </ul>
 * What was counted per interval ({@link CountedIntervals}) and per source and period ({@link SourcePeriods}) lives,
 * for the newest block and periods, in the source's record; older blocks ({@link EmissionStores#CONTRIBUTIONS}) and
 * periods ({@link EmissionStores#SOURCE_PERIODS}) in window stores whose retention covers the lateness horizon, so
 * that RocksDB drops them in whole segments as the readings move on. The contributions are collected, folded, in the
 * source's record ({@link PendingKpis}) and handed on every flush interval ({@link #drain}).
 */
final class KpiContributions {

    private final EmissionSettings settings;
    private final LatenessHorizon lateness;
    private final PeriodClock clock;
    /** Scope strings, built once per region code instead of per reading. */
    private final Map<String, String> regionScopes = new HashMap<>();
    private WindowStore<String, CountedIntervals> intervals;
    private WindowStore<String, Long> periods;

    KpiContributions(EmissionSettings settings) {
        this.settings = settings;
        this.lateness = settings.latenessHorizon();
        this.clock = new PeriodClock(settings.zone());
    }

    void init(WindowStore<String, CountedIntervals> intervalStore, WindowStore<String, Long> periodStore) {
        this.intervals = intervalStore;
        this.periods = periodStore;
    }

    /**
     * Counts an accepted reading.
     *
     * @param sourceKey      facility|source of the reading
     * @param state          the source's record (its series, periods and pending contributions change)
     * @param source         the facility's source the reading is from
     * @param regionCode     the facility's region code, for the REGION scope
     * @param newestInterval the newest interval start the task has accepted, this reading's included
     */
    void count(String sourceKey, SourceState state, AmsReading reading, EmissionSource source, String regionCode,
            long newestInterval) {
        Pollutant pollutant = reading.getPollutant();
        long start = reading.getIntervalStart().toEpochMilli();
        boolean valid = reading.getStatus() == ReadingStatus.VALID;
        // The interval's mass in grams, rounded here once: what the totals get and what a correction takes back.
        long grams = valid ? Micros.of(EmissionMass.tonnes(reading.getConcentrationMgNm3(),
                reading.getFlowNm3PerHour(), reading.getIntervalMinutes())) : CountedIntervals.NOT_VALID;
        long previous = remember(sourceKey, pollutant, state.series(pollutant), start, grams, newestInterval);
        if (previous == grams) {
            return; // the same interval sent again (or its mass within the same gram): already counted
        }
        boolean wasValid = previous >= 0; // false for NOTHING and NOT_VALID
        long gramsDelta = Micros.minus(valid ? grams : 0, wasValid ? previous : 0);
        int validDelta = (valid ? 1 : 0) - (wasValid ? 1 : 0);
        clock.at(start);
        if (gramsDelta != 0 || valid) {
            state.series(pollutant).countInYear(clock.yearStartDay(), gramsDelta); // for the annual mass limit
        }
        PendingKpis pending = state.pending;
        if (gramsDelta != 0 || validDelta != 0) {
            pending.add(EmissionKpi.MEASURED_TONNES, KpiGranularity.MONTH, pollutant, regionCode,
                    clock.monthStartDay(), gramsDelta, validDelta, start);
        }
        if (validDelta == 0 || !source.getAmsRequired()) {
            return;
        }
        if (source.getAmsInstalled() && settings.requiredPollutants().contains(pollutant)) {
            pending.add(EmissionKpi.DATA_AVAILABILITY_PCT, KpiGranularity.DAY, null, regionCode, clock.epochDay(),
                    Micros.ofWhole(validDelta), validDelta, start);
        }
        countTransmitting(sourceKey, state, KpiGranularity.DAY, clock.epochDay(), validDelta, regionCode, start);
        countTransmitting(sourceKey, state, KpiGranularity.MONTH, clock.monthStartDay(), validDelta, regionCode,
                start);
    }

    /** Counts an exceedance episode of the concentration that started with the interval at {@code startedAt}. */
    void countExceedance(SourceState state, Pollutant pollutant, String regionCode, long startedAt) {
        countExceedance(state, LimitKind.CONCENTRATION, pollutant, regionCode, startedAt);
    }

    /**
     * Counts an exceedance episode of that kind of limit that started with the interval at {@code startedAt}, in
     * that interval's month: each kind in its own KPI.
     */
    void countExceedance(SourceState state, LimitKind kind, Pollutant pollutant, String regionCode, long startedAt) {
        clock.at(startedAt);
        EmissionKpi kpi = switch (kind) {
            case CONCENTRATION -> EmissionKpi.EXCEEDANCES_COUNT;
            case MASS_RATE -> EmissionKpi.EXCEEDANCES_MASS_RATE_COUNT;
            case ANNUAL_MASS -> EmissionKpi.EXCEEDANCES_ANNUAL_MASS_COUNT;
        };
        state.pending.add(kpi, KpiGranularity.MONTH, pollutant, regionCode, clock.monthStartDay(),
                Micros.ofWhole(1), 1, startedAt);
    }

    /**
     * Hands on the contributions pending in the given sources' records: folded per KPI, scope and period into
     * {@code folded}; each record is emptied of them (the caller stores it).
     *
     * @param operatorBin the enterprise operating the source's facility as the registry says now (null when not
     *                    registered): its transmitting sources count toward {@code ams.enterprises.connected.count}
     */
    void drain(SourceState state, Map<String, KpiDelta> folded, String operatorBin) {
        state.pending.drainInto(folded, this::regionScope, operatorBin);
    }

    /**
     * Remembers what an interval now counts and says what it counted before ({@link CountedIntervals#NOTHING} when
     * never received). An interval newer than any of the series' takes the series on, to a new block when it is past
     * the newest: the newest block then goes to the store of older blocks, unless it lies wholly beyond the lateness
     * horizon (no reading for it would be accepted any more). An older interval is looked up in the record's block,
     * or read from and written back to its block in the store.
     */
    private long remember(String sourceKey, Pollutant pollutant, SeriesState series, long start, long value,
            long newestInterval) {
        CountedIntervals block = series.recent;
        if (start > series.newestStart) {
            series.newestStart = start;
            if (block == null || !block.covers(start)) {
                if (block != null && !block.isEmpty() && !lateness.tooLate(block.newestStart(), newestInterval)) {
                    intervals.put(seriesKey(sourceKey, pollutant), block, block.blockStart());
                }
                block = new CountedIntervals(CountedIntervals.blockOf(start));
                series.recent = block;
            }
        }
        if (block != null && block.covers(start)) {
            long before = block.counted(start);
            if (before != value) {
                block.count(start, value);
            }
            return before;
        }
        long blockStart = CountedIntervals.blockOf(start);
        String seriesKey = seriesKey(sourceKey, pollutant);
        CountedIntervals archived = intervals.fetch(seriesKey, blockStart);
        long before = archived == null ? CountedIntervals.NOTHING : archived.counted(start);
        if (before != value) {
            if (archived == null) {
                archived = new CountedIntervals(blockStart);
            }
            archived.count(start, value);
            intervals.put(seriesKey, archived, blockStart);
        }
        return before;
    }

    /** A source transmits in a period when it has at least one VALID interval in it; count it once. */
    private void countTransmitting(String sourceKey, SourceState state, KpiGranularity granularity, long startDay,
            int validDelta, String regionCode, long eventTime) {
        SourcePeriods newest = state.periods;
        long current = newest.start(granularity);
        long was;
        long now;
        if (current == SourcePeriods.NONE || startDay > current) {
            // The source moves on to a newer period: the one it leaves goes to the store of older periods, and the
            // record takes the new one over, empty. Writing the new period's absence to the store also tells the
            // window store that time has moved on, so that it drops what is beyond its retention.
            String key = periodKey(sourceKey, granularity);
            if (current != SourcePeriods.NONE && newest.count(granularity) > 0) {
                periods.put(key, newest.count(granularity), clock.startOfDayMillis(current));
            }
            periods.put(key, null, clock.startOfDayMillis(startDay));
            was = 0;
            now = Math.max(0, validDelta);
            newest.set(granularity, startDay, now);
        } else if (startDay == current) {
            was = newest.count(granularity);
            now = Math.max(0, was + validDelta);
            newest.set(granularity, startDay, now);
        } else {
            String key = periodKey(sourceKey, granularity);
            long periodStart = clock.startOfDayMillis(startDay);
            Long before = periods.fetch(key, periodStart);
            was = before == null ? 0 : before;
            now = Math.max(0, was + validDelta);
            periods.put(key, now == 0 ? null : now, periodStart); // null: nothing left to remember
        }
        int change = (now > 0 ? 1 : 0) - (was > 0 ? 1 : 0);
        if (change != 0) {
            state.pending.add(EmissionKpi.SOURCES_TRANSMITTING, granularity, null, regionCode, startDay,
                    Micros.ofWhole(change), change, eventTime);
        }
    }

    /** Key of a series' older blocks: facility|source|pollutant. */
    private static String seriesKey(String sourceKey, Pollutant pollutant) {
        return sourceKey + '|' + pollutant.name();
    }

    /** Key of a source's older periods: facility|source|DAY or MONTH. */
    private static String periodKey(String sourceKey, KpiGranularity granularity) {
        return sourceKey + '|' + granularity.name();
    }

    /** REGION:<code>, or null for a code that names no region; computed once per code. */
    private String regionScope(String code) {
        if (code == null) {
            return null;
        }
        String scope = regionScopes.get(code);
        if (scope == null && !regionScopes.containsKey(code)) {
            scope = Regions.byCode(code).map(KpiScopes::region).orElse(null);
            regionScopes.put(code, scope);
        }
        return scope;
    }
}
