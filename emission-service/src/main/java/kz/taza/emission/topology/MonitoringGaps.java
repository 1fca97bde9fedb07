package kz.taza.emission.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kz.taza.emission.domain.SourceMonitoring;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.MonitoringGapDetected;
import kz.taza.events.emission.MonitoringResumed;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.platform.events.EventCause;

/**
 * Monitoring of the sources, on the readings' own clock ({@link ReadingClock}): each accepted reading updates its
 * source's {@link SourceMonitoring} (its part of the source's record) and closes an open gap with MonitoringResumed;
 * a check of every source of the task, run when the clock passes a check boundary, declares a gap (once) for every
 * AMS-required source silent for longer than the threshold. The rule itself is {@link SourceMonitoring}'s.
 */
final class MonitoringGaps {

    private final long thresholdMillis;
    private final ReadingCauses causes;

    MonitoringGaps(Duration threshold, ReadingCauses causes) {
        this.thresholdMillis = threshold.toMillis();
        this.causes = causes;
    }

    /** A declared gap: the source's key and the event. */
    record Gap(String sourceKey, MonitoringGapDetected event) {
    }

    /** Takes an accepted reading into its source's monitoring; the MonitoringResumed it causes, or null. */
    MonitoringResumed onReading(SourceKey source, SourceMonitoring monitoring, AmsReading reading,
            boolean amsRequired) {
        long start = reading.getIntervalStart().toEpochMilli();
        long end = start + reading.getIntervalMinutes() * 60_000L;
        long gapStartedAt = monitoring.gapStartedAt();
        boolean resumed = monitoring.onReading(start, end, reading.getStatus() == ReadingStatus.VALID,
                reading.getConcentrationMgNm3(), reading.getPollutant().name(), amsRequired);
        if (!resumed) {
            return null;
        }
        return MonitoringResumed.newBuilder()
                .setMetadata(causes.causedBy(reading, source.text(), ReadingCauses.MONITORING_EVENT))
                .setFacilityId(source.facilityId())
                .setSourceId(source.sourceId())
                .setGapStartedAt(Instant.ofEpochMilli(gapStartedAt))
                .setResumedAt(reading.getIntervalStart())
                .setGapMinutes((start - gapStartedAt) / 60_000L)
                .build();
    }

    /**
     * Declares a gap for every AMS-required source silent for longer than the threshold at the reading clock
     * {@code now}, in the order of their keys; their monitoring is updated (the caller stores those records).
     */
    List<Gap> detect(long now, Map<String, SourceState> sources) {
        Map<String, MonitoringGapDetected> opened = new TreeMap<>();
        for (Map.Entry<String, SourceState> entry : sources.entrySet()) {
            SourceMonitoring monitoring = entry.getValue().monitoring;
            if (monitoring.detectGap(now, thresholdMillis)) {
                opened.put(entry.getKey(), declared(entry.getKey(), monitoring, now));
            }
        }
        List<Gap> gaps = new ArrayList<>(opened.size());
        opened.forEach((key, event) -> gaps.add(new Gap(key, event)));
        return gaps;
    }

    private MonitoringGapDetected declared(String sourceKey, SourceMonitoring monitoring, long now) {
        SourceKey source = SourceKey.parse(sourceKey);
        return MonitoringGapDetected.newBuilder()
                .setMetadata(causes.of(new EventCause("gap:" + sourceKey + ":" + monitoring.gapStartedAt(), sourceKey,
                        null), Instant.ofEpochMilli(now)))
                .setFacilityId(source.facilityId())
                .setSourceId(source.sourceId())
                .setLastReadingAt(Instant.ofEpochMilli(monitoring.gapStartedAt()))
                .setThresholdMinutes((int) (thresholdMillis / 60_000L))
                .build();
    }
}
