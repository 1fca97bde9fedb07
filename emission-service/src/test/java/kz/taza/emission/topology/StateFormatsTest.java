package kz.taza.emission.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;

/**
 * The stores' and the KPI repartition topic's forms with exact amounts (version 2, in millionths), and the version-1
 * forms written before them (amounts in doubles), which a store restored from an older changelog, or a repartition
 * record of an instance not yet upgraded, still holds: each is read with its amounts rounded to the millionth, as a
 * new input's would be; a version byte not known is refused.
 */
class StateFormatsTest {

    private static final long BLOCK = 1_741_003_200_000L; // 2025-03-03T12:00Z, a four-hour block's start

    @Test
    void aKpiTotalIsReadBackExactlyAndOneOfVersionOneWithItsAmountInMillionths() throws IOException {
        KpiTotal total = new KpiTotal(12_345_678_900L, 7, 1_000L);
        assertThat(roundTrip(KpiTotal.SERDE, total)).isEqualTo(total);
        assertThat(KpiTotal.SERDE.serializer().serialize("t", total)[0]).isEqualTo((byte) 0x82);

        byte[] versionOne = bytes(out -> {
            out.writeDouble(0.1 + 0.2); // 0.30000000000000004, a total as doubles summed it
            out.writeLong(3);
            out.writeLong(1_000L);
        });
        assertThat(read(KpiTotal.SERDE, versionOne)).isEqualTo(new KpiTotal(300_000L, 3, 1_000L));
        byte[] negative = bytes(out -> {
            out.writeDouble(-1e-17); // what taking 0.1 back out of 0.1 + 0.2 - 0.2 left
            out.writeLong(0);
            out.writeLong(1_000L);
        });
        assertThat(read(KpiTotal.SERDE, negative).amount()).isZero();
    }

    @Test
    void aKpiDeltaIsReadBackExactlyAndOneOfVersionOneWithItsAmountInMillionths() throws IOException {
        KpiDelta delta = new KpiDelta(EmissionKpi.MEASURED_TONNES, "NATIONAL", KpiGranularity.MONTH, 20_148L,
                -40_000L, -1, 5_000L);
        assertThat(roundTrip(KpiDelta.SERDE, delta)).isEqualTo(delta);

        byte[] versionOne = bytes(out -> {
            out.writeByte(EmissionKpi.MEASURED_TONNES.ordinal());
            out.writeUTF("REGION:55");
            out.writeByte(KpiGranularity.MONTH.ordinal());
            out.writeLong(20_148L);
            out.writeDouble(0.05);
            out.writeLong(1);
            out.writeLong(5_000L);
        });
        assertThat(read(KpiDelta.SERDE, versionOne)).isEqualTo(new KpiDelta(EmissionKpi.MEASURED_TONNES,
                "REGION:55", KpiGranularity.MONTH, 20_148L, 50_000L, 1, 5_000L));
    }

    @Test
    void countedIntervalsAreReadBackExactlyAndABlockOfVersionOneInGrams() throws IOException {
        CountedIntervals block = new CountedIntervals(BLOCK);
        block.count(BLOCK, 50_000L);
        block.count(BLOCK + 1_200_000L, CountedIntervals.NOT_VALID);
        CountedIntervals read = roundTrip(CountedIntervals.SERDE, block);
        assertThat(read.counted(BLOCK)).isEqualTo(50_000L);
        assertThat(read.counted(BLOCK + 1_200_000L)).isEqualTo(CountedIntervals.NOT_VALID);

        byte[] versionOne = bytes(out -> {
            out.writeLong(BLOCK);
            out.writeByte(3);
            out.writeByte(0);
            out.writeDouble(0.05);
            out.writeByte(20);
            out.writeDouble(-1.0); // NOT_VALID as it was written
            out.writeByte(40);
            out.writeDouble(1.0 / 3);
        });
        CountedIntervals old = read(CountedIntervals.SERDE, versionOne);
        assertThat(old.counted(BLOCK)).isEqualTo(50_000L);
        assertThat(old.counted(BLOCK + 1_200_000L)).isEqualTo(CountedIntervals.NOT_VALID);
        assertThat(old.counted(BLOCK + 2_400_000L)).isEqualTo(333_333L);
        assertThat(old.counted(BLOCK + 3_600_000L)).isEqualTo(CountedIntervals.NOTHING);
    }

    @Test
    void aReportVersionIsReadBackExactlyAndOneOfVersionOneWithItsTonnesInGrams() throws IOException {
        ReportVersion version = new ReportVersion(1_738_368_000_000L, "r-1", 100_100_000L, "NATIONAL,POLLUTANT:SO2");
        assertThat(roundTrip(StateSerdes.REPORT_VERSION, version)).isEqualTo(version);

        byte[] versionOne = bytes(out -> {
            out.writeLong(1_738_368_000_000L);
            out.writeUTF("r-1");
            out.writeDouble(100.1);
            out.writeUTF("NATIONAL,POLLUTANT:SO2");
        });
        assertThat(read(StateSerdes.REPORT_VERSION, versionOne)).isEqualTo(version);
    }

    @Test
    void aReportVersionWithItsFeeIsReadBackExactlyAndOneOfVersionTwoAsNotCharged() throws IOException {
        ReportVersion charged = new ReportVersion(1_738_368_000_000L, "r-1", 100_100_000L, "NATIONAL,REGION:55",
                7_391_384_000_000L, new java.math.BigDecimal("0.32"), 3_692L, true);
        assertThat(roundTrip(StateSerdes.REPORT_VERSION, charged)).isEqualTo(charged);
        ReportVersion uncharged = new ReportVersion(1_738_368_000_000L, "r-2", 3_000_000L, "NATIONAL");
        assertThat(roundTrip(StateSerdes.REPORT_VERSION, uncharged)).isEqualTo(uncharged);

        // written before fees were: counted, but no fee was added for it, so none is taken back
        byte[] versionTwo = bytes(out -> {
            out.writeByte(0x82);
            out.writeLong(1_738_368_000_000L);
            out.writeUTF("r-1");
            out.writeLong(100_100_000L);
            out.writeUTF("NATIONAL,POLLUTANT:SO2");
        });
        ReportVersion old = read(StateSerdes.REPORT_VERSION, versionTwo);
        assertThat(old).isEqualTo(new ReportVersion(1_738_368_000_000L, "r-1", 100_100_000L,
                "NATIONAL,POLLUTANT:SO2"));
        assertThat(old.charged()).isFalse();
    }

    @Test
    void aSourceRecordOfVersionOneIsReadWithWhatItCountedAndWhatIsPendingInMillionths() throws IOException {
        byte[] versionOne = bytes(out -> {
            out.writeByte(1);
            // monitoring
            out.writeLong(2_200_000L);
            out.writeLong(1_000_000L);
            out.writeDouble(412.5);
            out.writeBoolean(true);
            out.writeUTF("SO2");
            out.writeBoolean(true);
            out.writeBoolean(false);
            out.writeLong(0L);
            // periods
            out.writeLong(20_150L);
            out.writeLong(3);
            out.writeLong(20_148L);
            out.writeLong(40);
            // one pending contribution
            out.writeShort(1);
            out.writeByte(EmissionKpi.MEASURED_TONNES.ordinal());
            out.writeByte(KpiGranularity.MONTH.ordinal());
            out.writeBoolean(true);
            out.writeUTF("SO2");
            out.writeBoolean(true);
            out.writeUTF("55");
            out.writeInt(20_148);
            out.writeDouble(0.1 + 0.2);
            out.writeInt(2);
            out.writeLong(1_000_000L);
            // one series with its newest block and no open episode
            out.writeByte(1);
            out.writeUTF("SO2");
            out.writeLong(BLOCK + 1_200_000L);
            out.writeBoolean(true);
            out.writeLong(BLOCK);
            out.writeByte(2);
            out.writeByte(0);
            out.writeDouble(0.1);
            out.writeByte(20);
            out.writeDouble(0.2);
            out.writeLong(BLOCK + 1_200_000L);
            out.writeBoolean(false);
        });

        SourceState state = read(SourceState.SERDE, versionOne);

        assertThat(state.monitoring.lastValidMgNm3()).isEqualTo(412.5);
        assertThat(state.periods.monthCount).isEqualTo(40);
        assertThat(state.pending.entries()).singleElement().satisfies(e -> {
            assertThat(e.amount).isEqualTo(300_000L);
            assertThat(e.events).isEqualTo(2);
            assertThat(e.regionCode).isEqualTo("55");
        });
        SeriesState so2 = state.allSeries().get(Pollutant.SO2);
        assertThat(so2.recent.counted(BLOCK)).isEqualTo(100_000L);
        assertThat(so2.recent.counted(BLOCK + 1_200_000L)).isEqualTo(200_000L);
        // written again, it is the current version (3), and reads back as it is
        byte[] current = SourceState.SERDE.serializer().serialize("t", state);
        assertThat(current[0]).isEqualTo((byte) 0x83);
        assertThat(SourceState.SERDE.serializer().serialize("t", read(SourceState.SERDE, current)))
                .isEqualTo(current);
    }

    @Test
    void aSourceRecordOfVersionTwoKeepsItsOpenConcentrationEpisodeAndHasNoMassEpisodesOrTonnesOfTheYear()
            throws IOException {
        // the layout the previous version of the service wrote: 0x82, amounts in millionths, one episode per series
        byte[] versionTwo = bytes(out -> {
            out.writeByte(0x82);
            // monitoring
            out.writeLong(2_200_000L);
            out.writeLong(1_000_000L);
            out.writeDouble(412.5);
            out.writeBoolean(true);
            out.writeUTF("SO2");
            out.writeBoolean(true);
            out.writeBoolean(false);
            out.writeLong(0L);
            // periods
            out.writeLong(20_150L);
            out.writeLong(3);
            out.writeLong(20_148L);
            out.writeLong(40);
            // no pending contribution
            out.writeShort(0);
            // one series with its newest block and an open episode
            out.writeByte(1);
            out.writeUTF("SO2");
            out.writeLong(BLOCK + 1_200_000L);
            out.writeBoolean(true);
            out.writeLong(BLOCK);
            out.writeByte(1);
            out.writeByte(20);
            out.writeLong(54_000L);
            out.writeLong(BLOCK + 1_200_000L); // newest compared
            out.writeBoolean(true); // open
            out.writeUTF("episode-1");
            out.writeBoolean(true);
            out.writeUTF("KEP-1");
            out.writeDouble(400.0);
            out.writeLong(BLOCK);
            out.writeInt(2);
            out.writeDouble(512.0);
        });

        SourceState state = read(SourceState.SERDE, versionTwo);

        SeriesState so2 = state.allSeries().get(Pollutant.SO2);
        assertThat(so2.recent.counted(BLOCK + 1_200_000L)).isEqualTo(54_000L);
        assertThat(so2.episode.open()).isTrue();
        assertThat(so2.episode.episodeId()).isEqualTo("episode-1");
        assertThat(so2.episode.limit()).isEqualTo(400.0);
        assertThat(so2.episode.intervalsAbove()).isEqualTo(2);
        // what the concentration's events of the episode need reads as the concentration's own figures
        assertThat(so2.episode.concentrationLimitMgNm3()).isEqualTo(400.0);
        assertThat(so2.episode.peakConcentrationMgNm3()).isEqualTo(512.0);
        assertThat(so2.massRate.lastComparedStart()).isEqualTo(kz.taza.emission.domain.ExceedanceEpisode.NEVER);
        assertThat(so2.annualMass.open()).isFalse();
        assertThat(so2.yearStartDay).isEqualTo(SeriesState.NEVER);
        assertThat(so2.yearGrams).isZero();
        byte[] current = SourceState.SERDE.serializer().serialize("t", state);
        assertThat(current[0]).isEqualTo((byte) 0x83);
        assertThat(SourceState.SERDE.serializer().serialize("t", read(SourceState.SERDE, current)))
                .isEqualTo(current);
    }

    @Test
    void aSourceRecordOfVersionThreeKeepsTheMassEpisodesAndTheTonnesOfTheYear() {
        SourceState state = new SourceState();
        SeriesState so2 = state.series(Pollutant.SO2);
        so2.newestStart = BLOCK;
        so2.massRate = kz.taza.emission.domain.ExceedanceEpisode.of(BLOCK, true, "rate-1", "KEP-1", 40.0, BLOCK, 3,
                51.5).withMassParts(48.0, 50.0, 1000.0, 515.0, 0.0123, SeriesState.NEVER);
        so2.annualMass = kz.taza.emission.domain.ExceedanceEpisode.of(BLOCK, false, null, null, 0.0, 0L, 0, 0.0);
        so2.yearStartDay = 20_089L;
        so2.yearGrams = 123_456_789L;

        SourceState read = roundTrip(SourceState.SERDE, state);

        SeriesState back = read.allSeries().get(Pollutant.SO2);
        assertThat(back.massRate.episodeId()).isEqualTo("rate-1");
        assertThat(back.massRate.limit()).isEqualTo(40.0);
        assertThat(back.massRate.limitNow()).isEqualTo(48.0);
        assertThat(back.massRate.peakConcentrationMgNm3()).isEqualTo(515.0);
        assertThat(back.massRate.excessTonnes()).isEqualTo(0.0123);
        assertThat(back.annualMass.lastComparedStart()).isEqualTo(BLOCK);
        assertThat(back.yearStartDay).isEqualTo(20_089L);
        assertThat(back.yearGrams).isEqualTo(123_456_789L);
    }

    @Test
    void recentExceedancesOfTheFirstFormAreReadAsConcentrationEpisodes() throws IOException {
        // the layout without a version byte: the number of episodes, then each episode
        byte[] versionOne = bytes(out -> {
            out.writeInt(1);
            out.writeUTF("episode-1");
            out.writeUTF("STACK-1");
            out.writeUTF("SO2");
            out.writeUTF("KEP-1");
            out.writeDouble(400.0);
            out.writeDouble(450.0);
            out.writeLong(BLOCK);
            out.writeBoolean(true);
            out.writeLong(BLOCK + 2_400_000L);
            out.writeInt(2);
            out.writeDouble(500.0);
            out.writeBoolean(true);
            out.writeUTF("BACK_UNDER_LIMIT");
        });

        RecentExceedances old = read(StateSerdes.RECENT, versionOne);

        assertThat(old.episodes()).singleElement().satisfies(e -> {
            assertThat(e.limitKind()).isEqualTo("CONCENTRATION");
            assertThat(e.limit()).isEqualTo(400.0);
            assertThat(e.peak()).isEqualTo(500.0);
            assertThat(e.excessTonnes()).isNull();
            assertThat(e.endedAt()).isEqualTo(BLOCK + 2_400_000L);
        });
        byte[] current = StateSerdes.RECENT.serializer().serialize("t", old);
        assertThat(current[0]).isEqualTo((byte) 0x82);
        RecentExceedances mass = new RecentExceedances(List.of(new ExceedanceRecord("rate-1", "STACK-1", "SO2",
                "KEP-1", 1000.0, 450.0, BLOCK, null, 1, 450.0, null, "MASS_RATE", 40.0, 45.0, 0.006)));
        assertThat(roundTrip(StateSerdes.RECENT, mass)).isEqualTo(mass);
        assertThat(read(StateSerdes.RECENT, current)).isEqualTo(old);
    }

    @Test
    void aVersionByteNotKnownIsRefusedRatherThanMisread() {
        byte[] total = KpiTotal.SERDE.serializer().serialize("t", new KpiTotal(1, 1, 1));
        total[0] = (byte) 0x83;
        assertThatThrownBy(() -> read(KpiTotal.SERDE, total)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("version byte 0x83");
        byte[] block = CountedIntervals.SERDE.serializer().serialize("t", new CountedIntervals(BLOCK));
        block[0] = (byte) 0x81;
        assertThatThrownBy(() -> read(CountedIntervals.SERDE, block)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("version byte 0x81");
        byte[] source = SourceState.SERDE.serializer().serialize("t", new SourceState());
        source[0] = 3;
        assertThatThrownBy(() -> read(SourceState.SERDE, source)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("version byte 0x3");
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        }
        return bytes.toByteArray();
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return read(serde, serde.serializer().serialize("t", value));
    }

    private static <T> T read(Serde<T> serde, byte[] bytes) {
        return serde.deserializer().deserialize("t", bytes);
    }
}
