package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import kz.taza.events.emission.MonitoringResumed;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.platform.events.EventMetadataFactory;

/** Monitoring gaps of AMS-required sources on the readings' clock, declared once, resumed by the next reading. */
class MonitoringGapsTest {

    private static final String F1 = "KZ-55-0001";
    private static final String F2 = "KZ-35-0002";
    private static final Instant T0 = Instant.parse("2025-03-03T10:00:00Z");

    private final MonitoringGaps gaps = new MonitoringGaps(Duration.ofMinutes(60),
            new ReadingCauses(new EventMetadataFactory("emission-service")));
    private final Map<String, SourceState> sources = new TreeMap<>();

    @Test
    void aRequiredSourceSilentForLongerThanTheThresholdGetsOneGapAndANotRequiredOneNone() {
        // given F1's required stack and F2's stack that needs no AMS last reported the interval 10:00-10:20
        take(F1, T0, true);
        take(F2, T0, false);

        // then at 11:20 (exactly 60 minutes of silence) there is no gap
        assertThat(gaps.detect(at("2025-03-03T11:20:00Z"), sources)).isEmpty();

        // and past it, F1 has one gap, declared once
        List<MonitoringGaps.Gap> declared = gaps.detect(at("2025-03-03T11:21:00Z"), sources);
        assertThat(declared).singleElement().satisfies(gap -> {
            assertThat(gap.sourceKey()).isEqualTo(F1 + "|STACK-1");
            assertThat(gap.event().getFacilityId()).isEqualTo(F1);
            assertThat(gap.event().getLastReadingAt()).isEqualTo(Instant.parse("2025-03-03T10:20:00Z"));
            assertThat(gap.event().getThresholdMinutes()).isEqualTo(60);
            assertThat(gap.event().getMetadata().getOccurredAt()).isEqualTo(Instant.parse("2025-03-03T11:21:00Z"));
        });
        assertThat(gaps.detect(at("2025-03-03T12:00:00Z"), sources)).isEmpty();
    }

    @Test
    void theNextReadingResumesTheGapButALateOneFromBeforeItDoesNot() {
        take(F1, T0, true);
        gaps.detect(at("2025-03-03T11:30:00Z"), sources);

        assertThat(take(F1, T0.minus(Duration.ofMinutes(20)), true)).isNull();
        MonitoringResumed resumed = take(F1, Instant.parse("2025-03-03T12:00:00Z"), true);

        assertThat(resumed.getGapStartedAt()).isEqualTo(Instant.parse("2025-03-03T10:20:00Z"));
        assertThat(resumed.getResumedAt()).isEqualTo(Instant.parse("2025-03-03T12:00:00Z"));
        assertThat(resumed.getGapMinutes()).isEqualTo(100);
        assertThat(sources.get(F1 + "|STACK-1").monitoring.gapOpen()).isFalse();
    }

    @Test
    void theSameGapGetsTheSameEventIdWhenDeclaredAgainFromTheSameState() {
        take(F1, T0, true);
        String first = gaps.detect(at("2025-03-03T11:30:00Z"), sources).get(0).event().getMetadata().getEventId();

        sources.clear();
        take(F1, T0, true);
        String again = gaps.detect(at("2025-03-03T11:30:00Z"), sources).get(0).event().getMetadata().getEventId();

        assertThat(again).isEqualTo(first);
    }

    private MonitoringResumed take(String facilityId, Instant start, boolean required) {
        SourceKey key = new SourceKey(facilityId, "STACK-1");
        SourceState state = sources.computeIfAbsent(key.text(), k -> new SourceState());
        return gaps.onReading(key, state.monitoring, reading(facilityId, start, 100, ReadingStatus.VALID), required);
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
