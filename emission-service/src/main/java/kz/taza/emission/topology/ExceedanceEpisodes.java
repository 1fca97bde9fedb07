package kz.taza.emission.topology;

import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.emission.domain.ExceedanceDetector;
import kz.taza.emission.domain.ExceedanceDetector.Transition;
import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.emission.domain.LimitKind;
import kz.taza.emission.domain.PermitLimits;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEndReason;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ExceedanceLimitKind;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.Permit;
import kz.taza.platform.kpi.Micros;

/**
 * Exceedance episodes of the VALID intervals of each series against the limits of its facility's ACTIVE permit
 * ({@link PermitLimits}, {@link ExceedanceDetector}): ThresholdExceeded when an episode starts, ExceedanceEnded when it
 * ends. Each kind of limit ({@link LimitKind}) is its own series of episodes, compared with its own value:
 * <ul>
 * <li>CONCENTRATION: the interval's concentration with the mg/Nm3 limit;</li>
 * <li>MASS_RATE: the interval's mass rate ({@link EmissionMass#gramsPerSecond}: concentration × flow) with the g/s
 * limit; the episode's excess is the sum over its intervals above the limit of the tonnes above the limit in force at
 * that interval ({@link EmissionMass#tonnesAbove});</li>
 * <li>ANNUAL_MASS: the tonnes of the series' VALID intervals of the calendar year so far ({@link SeriesState#yearGrams},
 * counted exactly once with the measured tonnes, late and corrected intervals included) with the source's t/yr
 * limit; the excess is the year's tonnes above the limit at the episode's newest interval above it. The first
 * interval of a new year ends an open episode (YEAR_ENDED) and counts as compared; the new year is compared from the
 * interval after it.</li>
 * </ul>
 * The episodes are the series' part of its source's record; the facility's recent episodes, which the read API shows,
 * are kept in {@link EmissionStores#RECENT_EXCEEDANCES} (written only when an episode starts or ends).
 *
 * <p>A series that has never been compared with a limit of a kind keeps no episode of it: an interval without a limit
 * in force leaves it untouched, so that a later interval, once a limit is in force, is compared even if it is older.
 * A late interval (older than the newest compared of its kind) never starts, continues or ends an episode; its tonnes
 * still count in its year's tonnes, which the next interval in order is compared with.
 */
final class ExceedanceEpisodes {

    private final ReadingCauses causes;
    private final int recentMax;
    private KeyValueStore<String, RecentExceedances> recent;

    ExceedanceEpisodes(ReadingCauses causes, int recentMax) {
        this.causes = causes;
        this.recentMax = recentMax;
    }

    void init(KeyValueStore<String, RecentExceedances> recentStore) {
        this.recent = recentStore;
    }

    /** What a VALID interval did: the event to publish (null for none), and whether an episode started. */
    record Outcome(SpecificRecord event, boolean started) {
        static final Outcome NOTHING = new Outcome(null, false);
    }

    /** Compares a VALID interval with the concentration limit (as before the mass limits). */
    Outcome onValidReading(ExceedanceEpisode episode, AmsReading reading, Permit permit, long epochDay) {
        SeriesState series = new SeriesState();
        series.episode = episode;
        return onValidReading(LimitKind.CONCENTRATION, series, reading, permit, epochDay, SeriesState.NEVER);
    }

    /**
     * Compares a VALID interval of the series with the limit of that kind in force on its day.
     *
     * @param series       the series (its episode of the kind is advanced in place; its year's tonnes are read)
     * @param permit       the facility's current permit, or null
     * @param epochDay     the interval's day (Kazakhstan time), for the permit's validity
     * @param yearStartDay the first day of the interval's calendar year (Kazakhstan time), for the annual mass
     */
    Outcome onValidReading(LimitKind kind, SeriesState series, AmsReading reading, Permit permit, long epochDay,
            long yearStartDay) {
        ExceedanceEpisode episode = series.episode(kind);
        double limit = PermitLimits.limitInForce(kind, permit, reading.getSourceId(), reading.getPollutant(), epochDay);
        if (episode.lastComparedStart() == ExceedanceEpisode.NEVER && !PermitLimits.inForce(limit)) {
            return Outcome.NOTHING; // nothing to compare with and no episode to end: no state worth keeping
        }
        long start = reading.getIntervalStart().toEpochMilli();
        double concentration = reading.getConcentrationMgNm3();
        double measured = switch (kind) {
            case CONCENTRATION -> concentration;
            case MASS_RATE -> EmissionMass.gramsPerSecond(concentration, reading.getFlowNm3PerHour());
            case ANNUAL_MASS -> series.yearStartDay == yearStartDay ? Micros.toDouble(series.yearGrams) : 0.0;
        };
        Transition transition;
        if (kind == LimitKind.ANNUAL_MASS && episode.open() && yearStartDay > episode.yearStartDay()) {
            transition = ExceedanceDetector.endYear(episode, start, measured);
        } else {
            transition = ExceedanceDetector.apply(episode, start, measured, limit,
                    permit == null ? null : permit.getPermitId(), startedAt -> ExceedanceEpisode.episodeIdFor(kind,
                            reading.getFacilityId(), reading.getSourceId(), reading.getPollutant().name(),
                            startedAt));
        }
        if (transition == Transition.STARTED) {
            double concentrationLimit = kind == LimitKind.CONCENTRATION ? limit
                    : PermitLimits.limitInForce(permit, reading.getSourceId(), reading.getPollutant(), epochDay);
            episode.withMassParts(limit, measured, PermitLimits.inForce(concentrationLimit) ? concentrationLimit : 0.0,
                    0.0, 0.0, yearStartDay);
        }
        if (transition == Transition.STARTED || transition == Transition.NONE && episode.open()) {
            // The interval is above the limit: what it adds to the episode.
            double excess = switch (kind) {
                case CONCENTRATION -> 0.0;
                case MASS_RATE -> EmissionMass.tonnesAbove(measured, limit, reading.getIntervalMinutes());
                case ANNUAL_MASS -> measured - limit;
            };
            ExceedanceDetector.above(episode, concentration, excess, kind == LimitKind.ANNUAL_MASS);
        }
        return switch (transition) {
            case STARTED -> new Outcome(started(kind, reading, episode), true);
            case ENDED_BACK_UNDER -> new Outcome(ended(kind, reading, episode, ExceedanceEndReason.BACK_UNDER_LIMIT),
                    false);
            case ENDED_NO_LIMIT -> new Outcome(ended(kind, reading, episode, ExceedanceEndReason.LIMIT_NOT_IN_FORCE),
                    false);
            case ENDED_YEAR -> new Outcome(ended(kind, reading, episode, ExceedanceEndReason.YEAR_ENDED), false);
            case NONE, STALE -> Outcome.NOTHING;
        };
    }

    private static int eventIndex(LimitKind kind) {
        return switch (kind) {
            case CONCENTRATION -> ReadingCauses.EXCEEDANCE_EVENT;
            case MASS_RATE -> ReadingCauses.MASS_RATE_EXCEEDANCE_EVENT;
            case ANNUAL_MASS -> ReadingCauses.ANNUAL_MASS_EXCEEDANCE_EVENT;
        };
    }

    private static ExceedanceLimitKind eventKind(LimitKind kind) {
        return switch (kind) {
            case CONCENTRATION -> ExceedanceLimitKind.CONCENTRATION;
            case MASS_RATE -> ExceedanceLimitKind.MASS_RATE;
            case ANNUAL_MASS -> ExceedanceLimitKind.ANNUAL_MASS;
        };
    }

    private ThresholdExceeded started(LimitKind kind, AmsReading reading, ExceedanceEpisode state) {
        double concentration = reading.getConcentrationMgNm3();
        boolean rate = kind == LimitKind.MASS_RATE;
        boolean annual = kind == LimitKind.ANNUAL_MASS;
        Double excess = kind == LimitKind.CONCENTRATION ? null : state.excessTonnes();
        ThresholdExceeded event = ThresholdExceeded.newBuilder()
                .setMetadata(causes.causedBy(reading, state.episodeId(), eventIndex(kind)))
                .setEpisodeId(state.episodeId())
                .setFacilityId(reading.getFacilityId())
                .setSourceId(reading.getSourceId())
                .setPollutant(reading.getPollutant())
                .setPermitId(state.permitId())
                .setLimitMgNm3(state.concentrationLimitMgNm3())
                .setMeasuredMgNm3(concentration)
                .setRatio(state.measuredNow() / state.limit())
                .setIntervalStart(reading.getIntervalStart())
                .setIntervalMinutes(reading.getIntervalMinutes())
                .setLimitKind(eventKind(kind))
                .setLimitGramsPerSecond(rate ? state.limit() : null)
                .setMeasuredGramsPerSecond(rate ? state.measuredNow() : null)
                .setLimitTonnesPerYear(annual ? state.limit() : null)
                .setTonnesOfYear(annual ? state.measuredNow() : null)
                .setExcessTonnes(excess)
                .build();
        remember(reading.getFacilityId(), new ExceedanceRecord(state.episodeId(), reading.getSourceId(),
                reading.getPollutant().name(), state.permitId(), state.concentrationLimitMgNm3(), concentration,
                state.startedAt(), null, state.intervalsAbove(), state.peakConcentrationMgNm3(), null, kind.name(),
                state.limit(), state.peak(), excess));
        return event;
    }

    private ExceedanceEnded ended(LimitKind kind, AmsReading reading, ExceedanceEpisode state,
            ExceedanceEndReason reason) {
        boolean rate = kind == LimitKind.MASS_RATE;
        boolean annual = kind == LimitKind.ANNUAL_MASS;
        Double excess = kind == LimitKind.CONCENTRATION ? null : state.excessTonnes();
        ExceedanceEnded event = ExceedanceEnded.newBuilder()
                .setMetadata(causes.causedBy(reading, state.episodeId(), eventIndex(kind)))
                .setEpisodeId(state.episodeId())
                .setFacilityId(reading.getFacilityId())
                .setSourceId(reading.getSourceId())
                .setPollutant(reading.getPollutant())
                .setPermitId(state.permitId())
                .setLimitMgNm3(state.concentrationLimitMgNm3())
                .setStartedAt(Instant.ofEpochMilli(state.startedAt()))
                .setEndedAt(reading.getIntervalStart())
                .setIntervalsAbove(state.intervalsAbove())
                .setPeakMgNm3(state.peakConcentrationMgNm3())
                .setReason(reason)
                .setLimitKind(eventKind(kind))
                .setLimitGramsPerSecond(rate ? state.limit() : null)
                .setPeakGramsPerSecond(rate ? state.peak() : null)
                .setLimitTonnesPerYear(annual ? state.limitNow() : null)
                .setTonnesOfYear(annual ? state.measuredNow() : null)
                .setExcessTonnes(excess)
                .build();
        RecentExceedances known = recent.get(reading.getFacilityId());
        double firstMeasured = state.concentrationLimitMgNm3();
        if (known != null) {
            for (ExceedanceRecord e : known.episodes()) {
                if (e.episodeId().equals(state.episodeId())) {
                    firstMeasured = e.firstMeasuredMgNm3();
                }
            }
        }
        remember(reading.getFacilityId(), new ExceedanceRecord(state.episodeId(), reading.getSourceId(),
                reading.getPollutant().name(), state.permitId(), state.concentrationLimitMgNm3(), firstMeasured,
                state.startedAt(), state.endedAt(), state.intervalsAbove(), state.peakConcentrationMgNm3(),
                reason.name(), kind.name(), state.limit(), state.peak(), excess));
        return event;
    }

    private void remember(String facilityId, ExceedanceRecord episode) {
        RecentExceedances known = recent.get(facilityId);
        if (known == null) {
            known = new RecentExceedances(List.of());
        }
        recent.put(facilityId, known.with(episode, recentMax));
    }
}
