package kz.taza.forest.topology;

import static kz.taza.forest.ForestFixtures.contained;
import static kz.taza.forest.ForestFixtures.detection;
import static kz.taza.forest.ForestFixtures.extinguished;
import static kz.taza.forest.ForestFixtures.fire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.forest.ForestFund;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Region;
import kz.taza.events.forest.FireReported;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.Regions;

/**
 * The fire and early-detection KPIs of the forest topology: fires and hectares burned per year and region, detection
 * coverage and its share of the forest fund, with corrections arriving late.
 */
class FireKpiTopologyTest {

    private static final Instant NOW = Instant.parse("2025-12-01T06:00:00Z");
    private static final String PROGRAMME = "PROGRAMME:2021-01-01";
    private static final String Y2023 = "YEAR:2023-01-01";
    private static final String Y2024 = "YEAR:2024-01-01";
    private static final String Y2025 = "YEAR:2025-01-01";

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> events;
    private TestOutputTopic<String, KpiValue> kpis;
    private final Map<String, KpiValue> latest = new HashMap<>();

    private void start(ForestFund fund) {
        driver = TopologyTestSupport.driver(NOW, new ForestKpiTopology(Clock.fixed(NOW, ZoneOffset.UTC), fund));
        events = TopologyTestSupport.input(driver, ForestTopics.FOREST_EVENTS);
        kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void firesAndHectaresBurnedAreCountedByTheYearAndRegionOfTheReport() {
        start(ForestFund.defaults());
        // given two fires in Abai in 2023 and one in East Kazakhstan, reported at their early size
        FireReported abai1 = fire("ab-1", Region.ABAI, LocalDate.of(2023, 6, 8), 1_500);
        FireReported abai2 = fire("ab-2", Region.ABAI, LocalDate.of(2023, 8, 20), 40.5);
        FireReported east = fire("ek-1", Region.EAST_KAZAKHSTAN, LocalDate.of(2023, 7, 1), 300);
        send(abai1);
        send(abai2);
        send(east);

        // then each region counts its fires and the area reported so far
        assertThat(value("forest.fires.count", "REGION:10", Y2023).getValue()).isEqualTo(2);
        assertThat(value("forest.fires.count", "NATIONAL", Y2023).getValue()).isEqualTo(3);
        assertThat(value("forest.fires.hectares_burned", "REGION:10", Y2023).getValue()).isEqualTo(1_540.5);
        assertThat(value("forest.fires.hectares_burned", "NATIONAL", Y2023).getValue()).isEqualTo(1_840.5);

        // when the large Abai fire is contained, then put out having burned 60,000 ha in all
        send(contained(abai1, LocalDate.of(2023, 6, 12)));
        send(extinguished(abai1, LocalDate.of(2023, 6, 18), 60_000));

        // then the final area replaces the reported one; the fire still counts once
        assertThat(value("forest.fires.hectares_burned", "REGION:10", Y2023).getValue()).isEqualTo(60_040.5);
        assertThat(value("forest.fires.hectares_burned", "NATIONAL", Y2023).getValue()).isEqualTo(60_340.5);
        assertThat(value("forest.fires.count", "REGION:10", Y2023).getValue()).isEqualTo(2);
        assertThat(value("forest.fires.count", "REGION:10", Y2023).getInputEvents()).isEqualTo(2);
        assertThat(value("forest.fires.count", "NATIONAL", Y2023).getValue()).isEqualTo(3);
        // and the fire counts in the year of its report, even when put out in the next
        FireReported lateYear = fire("ab-3", Region.ABAI, LocalDate.of(2024, 12, 30), 10);
        send(lateYear);
        send(extinguished(lateYear, LocalDate.of(2025, 1, 3), 12));
        assertThat(value("forest.fires.count", "REGION:10", Y2024).getValue()).isEqualTo(1);
        assertThat(value("forest.fires.hectares_burned", "REGION:10", Y2024).getValue()).isEqualTo(12);
        assertThat(latest).doesNotContainKey("forest.fires.count|REGION:10|" + Y2025);
    }

    @Test
    void aLateCorrectionOfTheFinalAreaAndALateReportChangeOnlyTheirYear() {
        start(ForestFund.defaults());
        // given a 2023 fire put out at 5,000 ha, and 2024 fires after it
        FireReported old = fire("old-1", Region.ABAI, LocalDate.of(2023, 7, 10), 800);
        send(old);
        send(extinguished(old, LocalDate.of(2023, 7, 20), 5_000));
        send(fire("new-1", Region.ABAI, LocalDate.of(2024, 6, 1), 70));
        drain();
        KpiValue year2024 = latest.get("forest.fires.hectares_burned|NATIONAL|" + Y2024);

        // when, in 2025, the 2023 fire's area is re-measured at 4,200 ha (a later extinguishment: a correction)
        send(extinguished(old, LocalDate.of(2023, 7, 21), 4_200));
        // and a 2023 fire never reported before arrives late
        send(fire("late-1", Region.ABAI, LocalDate.of(2023, 9, 2), 25));

        // then 2023 holds the corrected area plus the late fire, and 2024 has not moved
        assertThat(value("forest.fires.hectares_burned", "REGION:10", Y2023).getValue()).isEqualTo(4_225);
        assertThat(value("forest.fires.count", "REGION:10", Y2023).getValue()).isEqualTo(2);
        assertThat(value("forest.fires.count", "NATIONAL", Y2023).getValue()).isEqualTo(2);
        assertThat(latest.get("forest.fires.hectares_burned|NATIONAL|" + Y2024)).isEqualTo(year2024);
        assertThat(year2024.getValue()).isEqualTo(70);

        // when the same correction arrives again (a replayed event), nothing is published
        send(extinguished(old, LocalDate.of(2023, 7, 21), 4_200));
        assertThat(kpis.isEmpty()).isTrue();
    }

    @Test
    void detectionCoverageAddsUpTheSystemsAndIsAShareOfTheForestFundWhereItIsKnown() {
        // given a forest fund of 30 million ha nationally and 3 million ha in Abai; none known for Akmola
        start(new ForestFund(Map.of("NATIONAL", 30_000_000d, "REGION:10", 3_000_000d)));
        // when systems covering 1.3 million ha are in service by April 2025, and more by the end of the year
        send(detection("eds-ab-1", Region.ABAI, LocalDate.of(2024, 9, 1), 500_000));
        send(detection("eds-ak-1", Region.AKMOLA, LocalDate.of(2025, 3, 15), 800_000));
        assertThat(value("forest.fire_detection.covered_hectares", "NATIONAL", PROGRAMME).getValue())
                .isEqualTo(1_300_000);
        send(detection("eds-ab-2", Region.ABAI, LocalDate.of(2025, 10, 1), 1_000_000));

        // then the coverage is cumulative, with the 5.6 million ha target, and per year what was installed
        KpiValue national = value("forest.fire_detection.covered_hectares", "NATIONAL", PROGRAMME);
        assertThat(national.getValue()).isEqualTo(2_300_000);
        assertThat(national.getTarget()).isEqualTo(5_600_000d);
        assertThat(national.getInputEvents()).isEqualTo(3);
        assertThat(value("forest.fire_detection.covered_hectares", "NATIONAL", Y2025).getValue())
                .isEqualTo(1_800_000);
        assertThat(value("forest.fire_detection.covered_hectares", "REGION:10", PROGRAMME).getValue())
                .isEqualTo(1_500_000);
        // and the share of the forest fund, nationally and where the region's forest fund is known
        assertThat(value("forest.fire_detection.coverage_pct", "NATIONAL", PROGRAMME).getValue()).isEqualTo(7.67);
        assertThat(value("forest.fire_detection.coverage_pct", "REGION:10", PROGRAMME).getValue()).isEqualTo(50.0);
        assertThat(value("forest.fire_detection.covered_hectares", "REGION:11", PROGRAMME).getValue())
                .isEqualTo(800_000);
        assertThat(latest).doesNotContainKey("forest.fire_detection.coverage_pct|REGION:11|" + PROGRAMME);
        // and no share per year: a year's installations are not a coverage
        assertThat(latest).doesNotContainKey("forest.fire_detection.coverage_pct|NATIONAL|" + Y2025);
    }

    @Test
    void aSystemReportedLateOrAgainMovesCoverageOnce() {
        start(ForestFund.defaults());
        send(detection("eds-1", Region.PAVLODAR, LocalDate.of(2025, 5, 1), 400_000));
        drain();
        // when a system put into service in 2024 is reported late, and the first one is replayed
        send(detection("eds-0", Region.PAVLODAR, LocalDate.of(2024, 8, 1), 200_000));
        send(detection("eds-1", Region.PAVLODAR, LocalDate.of(2025, 5, 1), 400_000));

        // then the cumulative coverage and 2024 take the late system, 2025 is unchanged, the replay counts nothing
        assertThat(value("forest.fire_detection.covered_hectares", "REGION:55", PROGRAMME).getValue())
                .isEqualTo(600_000);
        assertThat(value("forest.fire_detection.covered_hectares", "REGION:55", PROGRAMME).getInputEvents())
                .isEqualTo(2);
        assertThat(value("forest.fire_detection.covered_hectares", "REGION:55", Y2024).getValue())
                .isEqualTo(200_000);
        assertThat(value("forest.fire_detection.covered_hectares", "REGION:55", Y2025).getValue())
                .isEqualTo(400_000);
        assertThat(value("forest.fire_detection.coverage_pct", "NATIONAL", PROGRAMME).getValue()).isEqualTo(2.0);
    }

    private void send(SpecificRecord event) {
        Region region = (Region) event.get(event.getSchema().getField("region").pos());
        events.pipeInput(Regions.code(region), event);
    }

    private void drain() {
        kpis.readKeyValuesToList().forEach(kv -> {
            assertThat(kv.key).isEqualTo(KpiKeys.key(kv.value));
            latest.put(kv.key, kv.value);
        });
    }

    private KpiValue value(String kpiId, String scope, String period) {
        drain();
        String key = kpiId + "|" + scope + "|" + period;
        assertThat(latest).as("a value for " + key).containsKey(key);
        return latest.get(key);
    }
}
