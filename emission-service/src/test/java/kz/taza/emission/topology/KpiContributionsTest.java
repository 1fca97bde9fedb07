package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.EmissionSource;
import kz.taza.platform.kpi.Micros;

/**
 * Each interval's contribution to the measured-emission and AMS KPIs, counted once: in order, repeated, corrected,
 * late into an older block or day; and how the contributions of many sources are folded before they are handed on.
 * 500 mg/Nm3 x 300,000 Nm3/h x 1/3 h = 0.05 t, 50,000 g: amounts are in millionths of the KPI's unit ({@link Micros}),
 * a count of one is a million. The Kazakhstan day of 3 March runs from 19:00 UTC on the 2nd.
 */
class KpiContributionsTest {

    private static final String F1 = "KZ-55-0001";
    private static final String SOURCE = F1 + "|STACK-1";
    private static final EmissionSource REQUIRED = EmissionSource.newBuilder().setSourceId("STACK-1")
            .setName("Main stack").setAmsRequired(true).setAmsInstalled(true).build();
    private static final String MONTH = "MONTH:2025-03-01";
    private static final String DAY = "DAY:2025-03-03";
    private static final long ONE = Micros.PER_UNIT;

    private final EmissionSettings settings = EmissionSettings.defaults();
    private final KpiContributions kpis = new KpiContributions(settings);
    private final SourceState state = new SourceState();
    private TaskStores stores;
    private WindowStore<String, CountedIntervals> blocks;
    private WindowStore<String, Long> periods;
    private long newest = Long.MIN_VALUE;

    @BeforeEach
    void start() {
        stores = new TaskStores().intervalBlocks(settings).periods(settings).open();
        blocks = stores.windowStore(EmissionStores.CONTRIBUTIONS);
        periods = stores.windowStore(EmissionStores.SOURCE_PERIODS);
        kpis.init(blocks, periods);
    }

    @AfterEach
    void stop() {
        stores.close();
    }

    @Test
    void aReadingInOrderCountsItsTonnesItsValidIntervalAndItsSourceAsTransmitting() {
        count("2025-03-03T10:00:00Z", 500, ReadingStatus.VALID);

        Map<String, KpiDelta> first = drain();
        assertThat(first.get("emissions.measured.tonnes|NATIONAL|" + MONTH).amount()).isEqualTo(50_000L);
        assertThat(first.get("emissions.measured.tonnes|POLLUTANT:SO2|" + MONTH).events()).isEqualTo(1);
        assertThat(first.get("emissions.measured.tonnes|REGION:55|" + MONTH).amount()).isEqualTo(50_000L);
        assertThat(first.get("ams.data_availability_pct|REGION:55|" + DAY).amount()).isEqualTo(ONE);
        assertThat(first.get("ams.sources.transmitting|NATIONAL|" + DAY).amount()).isEqualTo(ONE);
        assertThat(first.get("ams.sources.transmitting|NATIONAL|" + MONTH).amount()).isEqualTo(ONE);
        assertThat(first).doesNotContainKey("ams.data_availability_pct|POLLUTANT:SO2|" + DAY);

        // the next interval counts its tonnes and VALID interval; the source was already transmitting
        count("2025-03-03T10:20:00Z", 500, ReadingStatus.VALID);
        Map<String, KpiDelta> second = drain();
        assertThat(second.get("emissions.measured.tonnes|NATIONAL|" + MONTH).amount()).isEqualTo(50_000L);
        assertThat(second.get("ams.data_availability_pct|NATIONAL|" + DAY).events()).isEqualTo(1);
        assertThat(second).doesNotContainKeys("ams.sources.transmitting|NATIONAL|" + DAY,
                "ams.sources.transmitting|NATIONAL|" + MONTH);
        assertThat(state.pending.isEmpty()).isTrue();
    }

    @Test
    void aRepeatChangesNothingAndACorrectionChangesTheTotalsByTheDifference() {
        count("2025-03-03T10:00:00Z", 500, ReadingStatus.VALID);
        drain();

        count("2025-03-03T10:00:00Z", 500, ReadingStatus.VALID);
        assertThat(state.pending.isEmpty()).isTrue();

        count("2025-03-03T10:00:00Z", 400, ReadingStatus.VALID);
        assertThat(drain().get("emissions.measured.tonnes|NATIONAL|" + MONTH).amount()).isEqualTo(-10_000L);

        count("2025-03-03T10:00:00Z", 400, ReadingStatus.FAULT);
        Map<String, KpiDelta> fault = drain();
        KpiDelta tonnes = fault.get("emissions.measured.tonnes|NATIONAL|" + MONTH);
        assertThat(tonnes.amount()).isEqualTo(-40_000L);
        assertThat(tonnes.events()).isEqualTo(-1);
        assertThat(fault.get("ams.data_availability_pct|NATIONAL|" + DAY).amount()).isEqualTo(-ONE);
        assertThat(fault.get("ams.sources.transmitting|NATIONAL|" + DAY).amount()).isEqualTo(-ONE);
        assertThat(fault.get("ams.sources.transmitting|NATIONAL|" + MONTH).amount()).isEqualTo(-ONE);
    }

    @Test
    void anIntervalOfAnOlderBlockIsCountedOnceThroughTheStoreOfOlderBlocks() {
        // given the series moved on from the 08:00-10:00 block to the 12:00 one
        count("2025-03-03T08:00:00Z", 500, ReadingStatus.VALID);
        count("2025-03-03T12:00:00Z", 500, ReadingStatus.VALID);
        drain();
        long block = Instant.parse("2025-03-03T08:00:00Z").toEpochMilli();
        assertThat(blocks.fetch(SOURCE + "|SO2", block).size()).isEqualTo(1);

        // when the 08:00 interval is sent again and a late 08:20 one arrives
        count("2025-03-03T08:00:00Z", 500, ReadingStatus.VALID);
        assertThat(state.pending.isEmpty()).isTrue();
        count("2025-03-03T08:20:00Z", 500, ReadingStatus.VALID);

        // then only the late one counts, and its block remembers both
        assertThat(drain().get("emissions.measured.tonnes|NATIONAL|" + MONTH).amount()).isEqualTo(50_000L);
        CountedIntervals archived = blocks.fetch(SOURCE + "|SO2", block);
        assertThat(archived.size()).isEqualTo(2);
        assertThat(archived.counted(Instant.parse("2025-03-03T08:20:00Z").toEpochMilli())).isEqualTo(50_000L);
        count("2025-03-03T08:20:00Z", 500, ReadingStatus.VALID);
        assertThat(state.pending.isEmpty()).isTrue();
    }

    @Test
    void aBlockWhollyBeyondTheLatenessHorizonIsNotKept() {
        count("2025-03-01T10:00:00Z", 500, ReadingStatus.VALID);
        count("2025-03-09T10:00:00Z", 500, ReadingStatus.VALID);

        try (var all = blocks.all()) {
            assertThat(all.hasNext()).isFalse();
        }
    }

    @Test
    void aCorrectionInAnOlderDayTakesTheSourceOutOfThatDaysTransmittingCount() {
        // given one VALID interval on 3 March and one on 4 March (the record moved on to the 4th)
        count("2025-03-03T10:00:00Z", 500, ReadingStatus.VALID);
        count("2025-03-04T10:00:00Z", 500, ReadingStatus.VALID);
        drain();

        // when the 3 March interval is corrected to FAULT
        count("2025-03-03T10:00:00Z", 500, ReadingStatus.FAULT);

        // then the 3rd has no transmitting source any more; March still has one (the 4th)
        Map<String, KpiDelta> corrected = drain();
        assertThat(corrected.get("ams.sources.transmitting|NATIONAL|" + DAY).amount()).isEqualTo(-ONE);
        assertThat(corrected).doesNotContainKey("ams.sources.transmitting|NATIONAL|" + MONTH);
        assertThat(periods.fetch(SOURCE + "|DAY", Instant.parse("2025-03-02T19:00:00Z").toEpochMilli())).isNull();
        assertThat(state.periods.monthCount).isEqualTo(1);
    }

    @Test
    void anExceedanceIsCountedInTheMonthOfItsFirstInterval() {
        kpis.countExceedance(state, Pollutant.SO2, "55", Instant.parse("2025-03-03T10:00:00Z").toEpochMilli());

        Map<String, KpiDelta> counted = drain();
        assertThat(counted.get("emissions.exceedances.count|NATIONAL|" + MONTH).amount()).isEqualTo(ONE);
        assertThat(counted.get("emissions.exceedances.count|POLLUTANT:SO2|" + MONTH).amount()).isEqualTo(ONE);
        assertThat(counted.get("emissions.exceedances.count|REGION:55|" + MONTH).amount()).isEqualTo(ONE);
    }

    @Test
    void theContributionsOfManySourcesAreFoldedPerKpiScopeAndPeriod() {
        SourceState other = new SourceState();
        count("2025-03-03T10:00:00Z", 500, ReadingStatus.VALID);
        kpis.count("KZ-35-0002|STACK-1", other, reading("KZ-35-0002", Instant.parse("2025-03-03T10:00:00Z"), 500,
                ReadingStatus.VALID), REQUIRED, "35", newest);

        Map<String, KpiDelta> folded = new TreeMap<>();
        kpis.drain(state, folded, null);
        kpis.drain(other, folded, null);

        KpiDelta national = folded.get("emissions.measured.tonnes|NATIONAL|" + MONTH);
        assertThat(national.amount()).isEqualTo(100_000L);
        assertThat(national.events()).isEqualTo(2);
        assertThat(folded.get("ams.sources.transmitting|NATIONAL|" + DAY).amount()).isEqualTo(2 * ONE);
        assertThat(folded.get("emissions.measured.tonnes|REGION:35|" + MONTH).amount()).isEqualTo(50_000L);
    }

    @Test
    void aReadingFromASourceTheRegistrySaysHasNoAmsInstalledIsNotInTheAvailability() {
        // the registry has the stack obliged to have AMS but without one (it would be in neither denominator)
        EmissionSource withoutAms = EmissionSource.newBuilder(REQUIRED).setAmsInstalled(false).build();
        AmsReading reading = reading(F1, Instant.parse("2025-03-03T10:00:00Z"), 500, ReadingStatus.VALID);
        kpis.count(SOURCE, state, reading, withoutAms, "55", reading.getIntervalStart().toEpochMilli());

        Map<String, KpiDelta> folded = drain();
        assertThat(folded.get("emissions.measured.tonnes|NATIONAL|" + MONTH).amount()).isEqualTo(50_000L);
        assertThat(folded.get("ams.sources.transmitting|NATIONAL|" + DAY).amount()).isEqualTo(ONE);
        assertThat(folded).doesNotContainKeys("ams.data_availability_pct|NATIONAL|" + DAY,
                "ams.data_availability_pct|REGION:55|" + DAY);
    }

    private void count(String start, double mgNm3, ReadingStatus status) {
        AmsReading reading = reading(F1, Instant.parse(start), mgNm3, status);
        newest = Math.max(newest, reading.getIntervalStart().toEpochMilli());
        kpis.count(SOURCE, state, reading, REQUIRED, "55", newest);
    }

    private Map<String, KpiDelta> drain() {
        Map<String, KpiDelta> folded = new TreeMap<>();
        kpis.drain(state, folded, null);
        return folded;
    }
}
