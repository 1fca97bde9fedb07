package kz.taza.emission.topology;

import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import kz.taza.emission.domain.ExceedanceDetector;
import kz.taza.emission.domain.ExceedanceDetector.Transition;
import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.emission.domain.PermitLimits;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEndReason;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.Permit;

/**
 * Exceedance episodes of the VALID intervals of each series against the limit of its facility's ACTIVE permit
 * ({@link PermitLimits}, {@link ExceedanceDetector}): ThresholdExceeded when an episode starts, ExceedanceEnded when it
 * ends. The episode is the series' part of its source's record; the facility's recent episodes, which the read API
 * shows, are kept in {@link EmissionStores#RECENT_EXCEEDANCES} (written only when an episode starts or ends).
 *
 * <p>A series that has never been compared with a limit keeps no episode: an interval without a limit in force
 * leaves it untouched, so that a later interval, once a limit is in force, is compared even if it is older.
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

    /**
     * Compares a VALID interval of the series with the limit in force on its day.
     *
     * @param episode  the series' episode (advanced in place)
     * @param permit   the facility's current permit, or null
     * @param epochDay the interval's day (Kazakhstan time), for the permit's validity
     */
    Outcome onValidReading(ExceedanceEpisode episode, AmsReading reading, Permit permit, long epochDay) {
        double limit = PermitLimits.limitInForce(permit, reading.getSourceId(), reading.getPollutant(), epochDay);
        if (episode.lastComparedStart() == ExceedanceEpisode.NEVER && !PermitLimits.inForce(limit)) {
            return Outcome.NOTHING; // nothing to compare with and no episode to end: no state worth keeping
        }
        long start = reading.getIntervalStart().toEpochMilli();
        Transition transition = ExceedanceDetector.apply(episode, start, reading.getConcentrationMgNm3(), limit,
                permit == null ? null : permit.getPermitId(), startedAt -> ExceedanceEpisode.episodeIdFor(
                        reading.getFacilityId(), reading.getSourceId(), reading.getPollutant().name(), startedAt));
        return switch (transition) {
            case STARTED -> new Outcome(started(reading, episode), true);
            case ENDED_BACK_UNDER -> new Outcome(ended(reading, episode, ExceedanceEndReason.BACK_UNDER_LIMIT), false);
            case ENDED_NO_LIMIT -> new Outcome(ended(reading, episode, ExceedanceEndReason.LIMIT_NOT_IN_FORCE), false);
            case NONE, STALE -> Outcome.NOTHING;
        };
    }

    private ThresholdExceeded started(AmsReading reading, ExceedanceEpisode state) {
        double measured = reading.getConcentrationMgNm3();
        ThresholdExceeded event = ThresholdExceeded.newBuilder()
                .setMetadata(causes.causedBy(reading, state.episodeId(), ReadingCauses.EXCEEDANCE_EVENT))
                .setEpisodeId(state.episodeId())
                .setFacilityId(reading.getFacilityId())
                .setSourceId(reading.getSourceId())
                .setPollutant(reading.getPollutant())
                .setPermitId(state.permitId())
                .setLimitMgNm3(state.limitMgNm3())
                .setMeasuredMgNm3(measured)
                .setRatio(measured / state.limitMgNm3())
                .setIntervalStart(reading.getIntervalStart())
                .setIntervalMinutes(reading.getIntervalMinutes())
                .build();
        remember(reading.getFacilityId(), new ExceedanceRecord(state.episodeId(), reading.getSourceId(),
                reading.getPollutant().name(), state.permitId(), state.limitMgNm3(), measured, state.startedAt(),
                null, state.intervalsAbove(), state.peakMgNm3(), null));
        return event;
    }

    private ExceedanceEnded ended(AmsReading reading, ExceedanceEpisode state, ExceedanceEndReason reason) {
        ExceedanceEnded event = ExceedanceEnded.newBuilder()
                .setMetadata(causes.causedBy(reading, state.episodeId(), ReadingCauses.EXCEEDANCE_EVENT))
                .setEpisodeId(state.episodeId())
                .setFacilityId(reading.getFacilityId())
                .setSourceId(reading.getSourceId())
                .setPollutant(reading.getPollutant())
                .setPermitId(state.permitId())
                .setLimitMgNm3(state.limitMgNm3())
                .setStartedAt(Instant.ofEpochMilli(state.startedAt()))
                .setEndedAt(reading.getIntervalStart())
                .setIntervalsAbove(state.intervalsAbove())
                .setPeakMgNm3(state.peakMgNm3())
                .setReason(reason)
                .build();
        RecentExceedances known = recent.get(reading.getFacilityId());
        double firstMeasured = state.limitMgNm3();
        if (known != null) {
            for (ExceedanceRecord e : known.episodes()) {
                if (e.episodeId().equals(state.episodeId())) {
                    firstMeasured = e.firstMeasuredMgNm3();
                }
            }
        }
        remember(reading.getFacilityId(), new ExceedanceRecord(state.episodeId(), reading.getSourceId(),
                reading.getPollutant().name(), state.permitId(), state.limitMgNm3(), firstMeasured,
                state.startedAt(), state.endedAt(), state.intervalsAbove(), state.peakMgNm3(), reason.name()));
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
