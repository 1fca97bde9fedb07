package kz.taza.emission.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;

/** The source record's serialized form: everything read back as written, and an unknown version refused. */
class SourceStateTest {

    @Test
    void aRecordWithEveryPartIsReadBackAsItWasWritten() {
        SourceState state = new SourceState();
        state.monitoring.onReading(1_000_000L, 2_200_000L, true, 412.5, "SO2", true);
        state.periods.set(KpiGranularity.DAY, 20_150L, 3);
        state.periods.set(KpiGranularity.MONTH, 20_148L, 40);
        state.pending.add(EmissionKpi.MEASURED_TONNES, KpiGranularity.MONTH, Pollutant.SO2, "55", 20_148L, 50_000L, 1,
                1_000_000L);
        state.pending.add(EmissionKpi.SOURCES_TRANSMITTING, KpiGranularity.DAY, null, null, 20_150L, 1_000_000L, 1,
                1_000_000L);
        SeriesState so2 = state.series(Pollutant.SO2);
        so2.newestStart = 7_200_000L + 1_200_000L;
        so2.recent = new CountedIntervals(7_200_000L);
        so2.recent.count(7_200_000L, 50_000L);
        so2.recent.count(8_400_000L, CountedIntervals.NOT_VALID);
        so2.episode = ExceedanceEpisode.of(8_400_000L, true, "episode-1", "KEP-1", 400.0, 7_200_000L, 2, 512.0);
        state.series(Pollutant.DUST).newestStart = 7_200_000L;

        byte[] bytes = SourceState.SERDE.serializer().serialize("t", state);
        SourceState read = SourceState.SERDE.deserializer().deserialize("t", bytes);

        assertThat(SourceState.SERDE.serializer().serialize("t", read)).isEqualTo(bytes);
        assertThat(read.monitoring.lastValidMgNm3()).isEqualTo(412.5);
        assertThat(read.periods.monthCount).isEqualTo(40);
        assertThat(read.pending.entries()).hasSize(2);
        SeriesState readSo2 = read.allSeries().get(Pollutant.SO2);
        assertThat(readSo2.recent.counted(8_400_000L)).isEqualTo(CountedIntervals.NOT_VALID);
        assertThat(readSo2.episode.episodeId()).isEqualTo("episode-1");
        assertThat(readSo2.episode.intervalsAbove()).isEqualTo(2);
        assertThat(read.allSeries().get(Pollutant.DUST).recent).isNull();
    }

    @Test
    void aRecordOfAnUnknownVersionIsRefusedRatherThanMisread() {
        byte[] bytes = SourceState.SERDE.serializer().serialize("t", new SourceState());
        bytes[0] = (byte) (SourceState.VERSION + 1);

        assertThatThrownBy(() -> SourceState.SERDE.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version");
    }
}
