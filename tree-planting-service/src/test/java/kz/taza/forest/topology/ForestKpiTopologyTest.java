package kz.taza.forest.topology;

import static kz.taza.forest.ForestFixtures.plan;
import static kz.taza.forest.ForestFixtures.planting;
import static kz.taza.forest.ForestFixtures.survey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Region;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.Regions;

/** KPI arithmetic of the forest topology, from events on forest.events.v1 to values on kpi.values.v1. */
class ForestKpiTopologyTest {

    private static final Instant NOW = Instant.parse("2025-12-01T06:00:00Z");
    private static final String PROGRAMME = "PROGRAMME:2021-01-01";

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> events;
    private TestOutputTopic<String, KpiValue> kpis;
    private final Map<String, KpiValue> latest = new HashMap<>();

    @BeforeEach
    void startDriver() {
        driver = TopologyTestSupport.driver(NOW, new ForestKpiTopology(Clock.fixed(NOW, ZoneOffset.UTC)));
        events = TopologyTestSupport.input(driver, ForestTopics.FOREST_EVENTS);
        kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void programmeProgressIsCumulativeFromItsStartNationallyAndPerRegion() {
        // given plantings before the programme, in its first year and in 2024, in two regions
        send(planting("p-2020", Region.AKMOLA, LocalDate.of(2020, 10, 1), 5_000, 2.0, false));
        send(planting("p-2021", Region.AKMOLA, LocalDate.of(2021, 4, 20), 30_000, 10.0, false));
        send(planting("p-2024a", Region.AKMOLA, LocalDate.of(2024, 5, 2), 20_000, 8.0, false));
        send(planting("p-2024b", Region.KOSTANAY, LocalDate.of(2024, 9, 30), 12_000, 4.0, false));

        // then the programme total counts only plantings from 2021, with its target and progress
        KpiValue national = value("trees.planted.count", "NATIONAL", PROGRAMME);
        assertThat(national.getValue()).isEqualTo(62_000);
        assertThat(national.getTarget()).isEqualTo(2_000_000_000d);
        assertThat(national.getInputEvents()).isEqualTo(3);
        assertThat(national.getDataAsOf()).isEqualTo(Instant.parse("2024-09-29T19:00:00Z"));
        assertThat(value("trees.planted.progress_pct", "NATIONAL", PROGRAMME).getValue()).isEqualTo(0.0);
        assertThat(value("trees.planted.count", "REGION:11", PROGRAMME).getValue()).isEqualTo(50_000);
        assertThat(value("trees.planted.count", "REGION:11", PROGRAMME).getTarget()).isNull();
        assertThat(value("trees.planted.count", "REGION:39", PROGRAMME).getValue()).isEqualTo(12_000);
        // and each calendar year has its own count, the 2020 one included
        assertThat(value("trees.planted.count", "NATIONAL", "YEAR:2024-01-01").getValue()).isEqualTo(32_000);
        assertThat(value("trees.planted.count", "REGION:11", "YEAR:2020-01-01").getValue()).isEqualTo(5_000);
    }

    @Test
    void programmeProgressReachesThePublishedShare() {
        // given 1.4 billion trees planted since 2021 (the figure reported by December 2025)
        send(planting("big-1", Region.TURKISTAN, LocalDate.of(2023, 4, 1), 700_000_000, 200_000.0, false));
        send(planting("big-2", Region.TURKISTAN, LocalDate.of(2025, 4, 1), 700_000_000, 200_000.0, false));

        // then the programme is 70% of the way to 2 billion
        assertThat(value("trees.planted.progress_pct", "NATIONAL", PROGRAMME).getValue()).isEqualTo(70.0);
        assertThat(value("trees.planted.progress_pct", "NATIONAL", PROGRAMME).getTarget()).isEqualTo(100.0);
    }

    @Test
    void planFulfilmentIsPlantedOverPlannedAndFollowsAReplacedPlan() {
        // given West Kazakhstan plans 1,000,000 trees for 2024 and Zhambyl 500,000
        send(plan(Region.WEST_KAZAKHSTAN, 2024, 1_000_000, 400));
        send(plan(Region.ZHAMBYL, 2024, 500_000, 200));
        // when West Kazakhstan plants 600,000 and 300,000 trees and Zhambyl 100,000
        send(planting("wk-1", Region.WEST_KAZAKHSTAN, LocalDate.of(2024, 4, 10), 600_000, 240, false));
        send(planting("wk-2", Region.WEST_KAZAKHSTAN, LocalDate.of(2024, 10, 5), 300_000, 120, false));
        send(planting("zh-1", Region.ZHAMBYL, LocalDate.of(2024, 5, 1), 100_000, 40, false));

        // then the region has fulfilled 90% of its plan, the country 1,000,000 / 1,500,000
        assertThat(value("trees.plan_fulfilment_pct", "REGION:27", "YEAR:2024-01-01").getValue()).isEqualTo(90.0);
        assertThat(value("trees.plan_fulfilment_pct", "REGION:27", "YEAR:2024-01-01").getTarget()).isEqualTo(100.0);
        assertThat(value("trees.plan_fulfilment_pct", "REGION:27", "YEAR:2024-01-01").getInputEvents()).isEqualTo(3);
        assertThat(value("trees.plan_fulfilment_pct", "NATIONAL", "YEAR:2024-01-01").getValue()).isEqualTo(66.67);

        // when West Kazakhstan's plan is cut to 900,000
        send(plan(Region.WEST_KAZAKHSTAN, 2024, 900_000, 360));

        // then the plan is fulfilled, and the national denominator follows the new plan
        assertThat(value("trees.plan_fulfilment_pct", "REGION:27", "YEAR:2024-01-01").getValue()).isEqualTo(100.0);
        assertThat(value("trees.plan_fulfilment_pct", "REGION:27", "YEAR:2024-01-01").getInputEvents()).isEqualTo(3);
        assertThat(value("trees.plan_fulfilment_pct", "NATIONAL", "YEAR:2024-01-01").getValue()).isEqualTo(71.43);
    }

    @Test
    void noFulfilmentIsPublishedForARegionWithoutAPlan() {
        send(planting("ak-1", Region.AKTOBE, LocalDate.of(2024, 4, 10), 10_000, 4, false));

        drain();
        assertThat(latest).doesNotContainKey(KpiKeys.key("trees.plan_fulfilment_pct", "REGION:15",
                kz.taza.platform.kpi.KpiPeriods.year(2024)));
        assertThat(latest).containsKey("trees.planted.count|REGION:15|YEAR:2024-01-01");
    }

    @Test
    void survivalIsSurveyedAliveOverSurveyedTotalBySurveyYearNeverThePlantedCount() {
        // given two Akmola plantings of 2022, reported at 10,000 trees each
        TreesPlanted first = planting("ak-a", Region.AKMOLA, LocalDate.of(2022, 5, 1), 10_000, 4, false);
        TreesPlanted second = planting("ak-b", Region.AKMOLA, LocalDate.of(2022, 6, 1), 10_000, 4, false);
        send(first);
        send(second);

        // when the 1st-year surveys count 6,000 alive of 8,000 and 5,000 alive of 7,000 (the reports were padded)
        send(survey("s-a1", first, 1, 6_000, 2_000));
        send(survey("s-b1", second, 1, 5_000, 2_000));
        // and the 3rd-year survey of the first counts 4,000 alive, 3,000 dead
        send(survey("s-a3", first, 3, 4_000, 3_000));

        // then 1st-year survival is 11,000 / 15,000, not 11,000 / 20,000, for the 2022 cohort and the programme
        KpiValue year1 = value("trees.survival_rate_pct.year1", "REGION:11", "YEAR:2022-01-01");
        assertThat(year1.getValue()).isEqualTo(73.33);
        assertThat(year1.getTarget()).isEqualTo(65.0);
        assertThat(year1.getInputEvents()).isEqualTo(2);
        assertThat(value("trees.survival_rate_pct.year1", "NATIONAL", PROGRAMME).getValue()).isEqualTo(73.33);
        // and 3rd-year survival is kept apart, below the 65% target
        assertThat(value("trees.survival_rate_pct.year3", "NATIONAL", "YEAR:2022-01-01").getValue())
                .isEqualTo(57.14);

        // when the 3rd-year survey of the first planting is corrected by a recount
        send(survey("s-a3-recount", first, 3, 4_550, 2_450));

        // then the correction replaces the first count
        KpiValue corrected = value("trees.survival_rate_pct.year3", "NATIONAL", "YEAR:2022-01-01");
        assertThat(corrected.getValue()).isEqualTo(65.0);
        assertThat(corrected.getInputEvents()).isEqualTo(1);
    }

    @Test
    void aralHectaresAddUpOnlyPlantingsOnTheSeabed() {
        // given saxaul on the Aral seabed in Kyzylorda in 2021 and 2024, and an ordinary planting elsewhere
        send(planting("aral-1", Region.KYZYLORDA, LocalDate.of(2021, 3, 15), 40_000_000, 101_000.5, true));
        send(planting("aral-2", Region.KYZYLORDA, LocalDate.of(2024, 3, 15), 50_000_000, 127_000.25, true));
        send(planting("pine-1", Region.KYZYLORDA, LocalDate.of(2024, 4, 1), 30_000, 10, false));

        // then the cumulative Aral hectares count only the seabed, with the 1.1 million ha target nationally
        KpiValue national = value("aral.saxaul_hectares", "NATIONAL", PROGRAMME);
        assertThat(national.getValue()).isCloseTo(228_000.75, within(0.001));
        assertThat(national.getTarget()).isEqualTo(1_100_000d);
        assertThat(national.getUnit()).isEqualTo("ha");
        assertThat(value("aral.saxaul_hectares", "REGION:43", PROGRAMME).getValue()).isCloseTo(228_000.75,
                within(0.001));
        assertThat(value("aral.saxaul_hectares", "REGION:43", "YEAR:2024-01-01").getValue()).isCloseTo(127_000.25,
                within(0.001));
    }

    @Test
    void aPlantingCorrectedManyTimesAndBackToItsFirstAreaLeavesTheAralHectaresExactlyAsTheyWere() {
        // given two plantings on the seabed in 2024, of awkward areas
        TreesPlanted first = planting("aral-1", Region.KYZYLORDA, LocalDate.of(2024, 3, 15), 40_000_000, 101_000.125,
                true);
        send(first);
        send(planting("aral-2", Region.KYZYLORDA, LocalDate.of(2024, 4, 15), 1_000, 0.3, true));
        String key = "aral.saxaul_hectares|NATIONAL|YEAR:2024-01-01";
        KpiValue original = value("aral.saxaul_hectares", "NATIONAL", "YEAR:2024-01-01");
        MeasureTotals originalTotal = totals().get("ARAL_HECTARES|NATIONAL|YEAR:2024-01-01");

        // when the first planting is reported again and again with other areas (each replaces it)
        double[] areas = {0.1, 0.2, 1e-7, 12_345.6789, 999_999.99, 1.0 / 3, 0.7, 5e-7};
        for (int round = 0; round < 6; round++) {
            for (double area : areas) {
                send(planting("aral-1", Region.KYZYLORDA, LocalDate.of(2024, 3, 15), 40_000_000, area, true));
            }
        }
        drain();
        assertThat(latest.get(key).getValue()).isNotEqualTo(original.getValue());

        // and finally with its first area
        send(first);

        // then the total kept, and the value published from it, are exactly what the first two plantings made them
        assertThat(totals().get("ARAL_HECTARES|NATIONAL|YEAR:2024-01-01")).isEqualTo(originalTotal);
        assertThat(totals().get("ARAL_HECTARES|REGION:43|" + PROGRAMME)).isEqualTo(originalTotal);
        assertThat(value("aral.saxaul_hectares", "NATIONAL", "YEAR:2024-01-01").getValue())
                .isEqualTo(original.getValue());
    }

    @Test
    void aRepeatedPlantingOrSurveyChangesNoKpi() {
        // given a planting and its survey, counted
        TreesPlanted planted = planting("rep-1", Region.PAVLODAR, LocalDate.of(2023, 4, 1), 20_000, 8, true);
        send(planted);
        send(survey("rep-s1", planted, 1, 15_000, 4_000));
        drain();
        Map<String, KpiValue> before = new HashMap<>(latest);
        assertThat(before.get("trees.planted.count|NATIONAL|" + PROGRAMME).getValue()).isEqualTo(20_000);

        // when the same planting and the same survey arrive again (e.g. a replayed event)
        send(planted);
        send(survey("rep-s1", planted, 1, 15_000, 4_000));

        // then no KPI value is published again, and every total stays as it was
        assertThat(kpis.isEmpty()).isTrue();
        assertThat(latest).isEqualTo(before);
    }

    private KeyValueStore<String, MeasureTotals> totals() {
        return driver.getKeyValueStore(ForestKpiTopology.TOTALS_STORE);
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
