package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.permit;
import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.events.emission.ExceedanceEndReason;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.platform.events.EventMetadataFactory;

/** Episodes of one series against its permit's limit, and the facility's recent episodes the read API shows. */
class ExceedanceEpisodesTest {

    private static final String F1 = "KZ-55-0001";
    private static final long DAY = LocalDate.of(2025, 3, 3).toEpochDay();

    private final ExceedanceEpisodes episodes = new ExceedanceEpisodes(
            new ReadingCauses(new EventMetadataFactory("emission-service")), 20);
    private final ExceedanceEpisode episode = new ExceedanceEpisode();
    private final Permit permit = permit(F1, PermitStatus.ACTIVE, 400.0);
    private TaskStores stores;
    private KeyValueStore<String, RecentExceedances> recent;

    @BeforeEach
    void start() {
        stores = new TaskStores().keyValue(EmissionStores.RECENT_EXCEEDANCES, StateSerdes.RECENT).open();
        recent = stores.keyValueStore(EmissionStores.RECENT_EXCEEDANCES);
        episodes.init(recent);
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    @Test
    void anIntervalAboveTheLimitStartsAnEpisodeThatTheFirstOneBackUnderEnds() {
        ExceedanceEpisodes.Outcome start = apply("2025-03-03T10:00:00Z", 450, permit);
        assertThat(start.started()).isTrue();
        ThresholdExceeded started = (ThresholdExceeded) start.event();
        assertThat(started.getLimitMgNm3()).isEqualTo(400.0);
        assertThat(started.getRatio()).isEqualTo(1.125);
        assertThat(recent.get(F1).episodes()).singleElement()
                .satisfies(e -> assertThat(e.endedAt()).isNull());

        assertThat(apply("2025-03-03T10:20:00Z", 500, permit)).isEqualTo(ExceedanceEpisodes.Outcome.NOTHING);
        ExceedanceEpisodes.Outcome end = apply("2025-03-03T10:40:00Z", 380, permit);

        assertThat(end.started()).isFalse();
        ExceedanceEnded ended = (ExceedanceEnded) end.event();
        assertThat(ended.getEpisodeId()).isEqualTo(started.getEpisodeId());
        assertThat(ended.getIntervalsAbove()).isEqualTo(2);
        assertThat(ended.getPeakMgNm3()).isEqualTo(500.0);
        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.BACK_UNDER_LIMIT);
        assertThat(recent.get(F1).episodes()).singleElement().satisfies(e -> {
            assertThat(e.firstMeasuredMgNm3()).isEqualTo(450.0);
            assertThat(e.endReason()).isEqualTo("BACK_UNDER_LIMIT");
        });
    }

    @Test
    void withoutAPermitASeriesNeverComparedKeepsNoEpisodeSoAnOlderIntervalIsComparedOnceALimitIsInForce() {
        assertThat(apply("2025-03-03T11:00:00Z", 900, null)).isEqualTo(ExceedanceEpisodes.Outcome.NOTHING);
        assertThat(episode.lastComparedStart()).isEqualTo(ExceedanceEpisode.NEVER);

        assertThat(apply("2025-03-03T10:00:00Z", 450, permit).started()).isTrue();
    }

    @Test
    void anIntervalNotNewerThanTheNewestComparedChangesNothing() {
        apply("2025-03-03T10:20:00Z", 300, permit);

        assertThat(apply("2025-03-03T10:00:00Z", 450, permit)).isEqualTo(ExceedanceEpisodes.Outcome.NOTHING);
        assertThat(apply("2025-03-03T10:20:00Z", 450, permit)).isEqualTo(ExceedanceEpisodes.Outcome.NOTHING);
        assertThat(recent.get(F1)).isNull();
    }

    @Test
    void anOpenEpisodeEndsWhenTheLimitIsNoLongerInForce() {
        apply("2025-03-03T10:00:00Z", 450, permit);

        ExceedanceEnded ended = (ExceedanceEnded) apply("2025-03-03T10:20:00Z", 450,
                permit(F1, PermitStatus.SUSPENDED, 400.0)).event();

        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.LIMIT_NOT_IN_FORCE);
    }

    private ExceedanceEpisodes.Outcome apply(String start, double mgNm3, Permit permitInForce) {
        return episodes.onValidReading(episode, reading(F1, Instant.parse(start), mgNm3, ReadingStatus.VALID),
                permitInForce, DAY);
    }
}
