package kz.taza.forest.topology;

import static kz.taza.forest.ForestFixtures.corrected;
import static kz.taza.forest.ForestFixtures.lot;
import static kz.taza.forest.ForestFixtures.plan;
import static kz.taza.forest.ForestFixtures.planting;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Region;
import kz.taza.events.forest.PlantingMaterialCorrectionReason;
import kz.taza.events.forest.PlantingMaterialKind;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.Regions;

/**
 * The planting-material KPIs of the forest topology: seedlings and seed prepared for a planting year, by region and
 * nationally, and the share of that year's plan the seedlings cover, with corrections (recounts, losses) arriving
 * late and replays counting nothing.
 */
class PlantingMaterialKpiTopologyTest {

    private static final Instant NOW = Instant.parse("2025-12-01T06:00:00Z");
    private static final String Y2025 = "YEAR:2025-01-01";
    private static final String Y2026 = "YEAR:2026-01-01";

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> events;
    private TestOutputTopic<String, KpiValue> kpis;
    private final Map<String, KpiValue> latest = new HashMap<>();

    @BeforeEach
    void start() {
        driver = TopologyTestSupport.driver(NOW, new ForestKpiTopology(Clock.fixed(NOW, ZoneOffset.UTC)));
        events = TopologyTestSupport.input(driver, ForestTopics.FOREST_EVENTS);
        kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void seedlingsAndSeedCountInThePlantingYearTheyAreForByRegionAndNationally() {
        // given lots prepared in autumn 2025 for the 2026 planting, in Kyzylorda and Abai, and seed for the Aral
        send(lot("kz-1", Region.KYZYLORDA, 2026, PlantingMaterialKind.SEEDLING, 300_000, LocalDate.of(2025, 10, 1)));
        send(lot("kz-2", Region.KYZYLORDA, 2026, PlantingMaterialKind.SAPLING, 20_000, LocalDate.of(2025, 10, 5)));
        send(lot("kz-3", Region.KYZYLORDA, 2026, PlantingMaterialKind.SEED, 12_345.6, LocalDate.of(2025, 9, 20)));
        send(lot("ab-1", Region.ABAI, 2026, PlantingMaterialKind.SEEDLING, 180_000, LocalDate.of(2025, 11, 2)));
        // and one for the spring of the year it was grown in
        send(lot("ab-0", Region.ABAI, 2025, PlantingMaterialKind.SEEDLING, 5_000, LocalDate.of(2025, 3, 1)));

        // then seedlings and saplings are counted together, in the year they are for
        assertThat(value("forest.planting_material.seedlings", "REGION:43", Y2026).getValue()).isEqualTo(320_000);
        assertThat(value("forest.planting_material.seedlings", "REGION:43", Y2026).getInputEvents()).isEqualTo(2);
        assertThat(value("forest.planting_material.seedlings", "NATIONAL", Y2026).getValue()).isEqualTo(500_000);
        assertThat(value("forest.planting_material.seedlings", "REGION:10", Y2025).getValue()).isEqualTo(5_000);
        // and seed in tonnes, to the kilogram
        KpiValue seeds = value("forest.planting_material.seeds_tonnes", "NATIONAL", Y2026);
        assertThat(seeds.getValue()).isEqualTo(12.346);
        assertThat(seeds.getUnit()).isEqualTo("t");
        assertThat(value("forest.planting_material.seeds_tonnes", "REGION:43", Y2026).getValue()).isEqualTo(12.346);
        // and without a plan for the year, no coverage
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith("forest.planting_material.plan_coverage_pct"));
        // and seed counts no seedlings, seedlings no seed
        assertThat(latest).doesNotContainKey("forest.planting_material.seeds_tonnes|REGION:10|" + Y2026);
    }

    @Test
    void coverageIsTheSeedlingsPreparedOverTheTreesPlannedForTheYear() {
        // given plans for 2026: 1,000,000 trees in Kyzylorda, 400,000 in Abai
        send(plan(Region.KYZYLORDA, 2026, 1_000_000, 500));
        send(plan(Region.ABAI, 2026, 400_000, 200));
        // then, before any material is recorded, nothing is covered
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:43", Y2026).getValue()).isEqualTo(0.0);

        // when the nurseries prepare 1,150,000 seedlings for Kyzylorda and 300,000 for Abai, and seed (not counted)
        send(lot("kz-1", Region.KYZYLORDA, 2026, PlantingMaterialKind.SEEDLING, 900_000, LocalDate.of(2025, 10, 1)));
        send(lot("kz-2", Region.KYZYLORDA, 2026, PlantingMaterialKind.SAPLING, 250_000, LocalDate.of(2025, 10, 2)));
        send(lot("kz-3", Region.KYZYLORDA, 2026, PlantingMaterialKind.SEED, 40_000, LocalDate.of(2025, 10, 3)));
        send(lot("ab-1", Region.ABAI, 2026, PlantingMaterialKind.SEEDLING, 300_000, LocalDate.of(2025, 10, 4)));

        // then Kyzylorda is covered (115 %), Abai is not (75 %), and the nation holds 1,450,000 of 1,400,000
        KpiValue kyzylorda = value("forest.planting_material.plan_coverage_pct", "REGION:43", Y2026);
        assertThat(kyzylorda.getValue()).isEqualTo(115.0);
        assertThat(kyzylorda.getTarget()).isEqualTo(100.0);
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:10", Y2026).getValue()).isEqualTo(75.0);
        assertThat(value("forest.planting_material.plan_coverage_pct", "NATIONAL", Y2026).getValue())
                .isEqualTo(103.57);

        // when Abai's plan for 2026 is replaced by one of 300,000 trees
        send(plan(Region.ABAI, 2026, 300_000, 150));
        // then Abai is covered and the nation's denominator follows
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:10", Y2026).getValue())
                .isEqualTo(100.0);
        assertThat(value("forest.planting_material.plan_coverage_pct", "NATIONAL", Y2026).getValue())
                .isEqualTo(111.54);
        // and plan fulfilment of 2026 (no tree planted yet) is still its own KPI
        assertThat(value("trees.plan_fulfilment_pct", "REGION:10", Y2026).getValue()).isEqualTo(0.0);
        // and a planting changes plan fulfilment, not what was prepared
        send(planting("p-1", Region.ABAI, LocalDate.of(2026, 4, 20), 10_000, 5, false));
        assertThat(value("trees.plan_fulfilment_pct", "REGION:10", Y2026).getValue()).isEqualTo(3.33);
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:10", Y2026).getValue())
                .isEqualTo(100.0);
    }

    @Test
    void aLateCorrectionReplacesTheLotsQuantityAndMovesOnlyItsPlantingYear() {
        send(plan(Region.KYZYLORDA, 2026, 1_000_000, 500));
        send(plan(Region.KYZYLORDA, 2025, 800_000, 400));
        PlantingMaterialPrepared big = lot("kz-1", Region.KYZYLORDA, 2026, PlantingMaterialKind.SEEDLING, 1_100_000,
                LocalDate.of(2025, 10, 1));
        PlantingMaterialPrepared seed = lot("kz-s", Region.KYZYLORDA, 2026, PlantingMaterialKind.SEED, 2_000,
                LocalDate.of(2025, 10, 1));
        send(big);
        send(seed);
        send(lot("kz-0", Region.KYZYLORDA, 2025, PlantingMaterialKind.SEEDLING, 880_000, LocalDate.of(2024, 10, 1)));
        drain();
        KpiValue year2025 = latest.get("forest.planting_material.plan_coverage_pct|REGION:43|" + Y2025);
        assertThat(year2025.getValue()).isEqualTo(110.0);
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:43", Y2026).getValue())
                .isEqualTo(110.0);

        // when a winter frost kills 250,000 of the big lot's seedlings (a correction: the lot's quantity now)
        send(corrected(big, 1_100_000, 850_000, PlantingMaterialCorrectionReason.LOSS, LocalDate.of(2026, 2, 10)));
        // then 2026 is no longer covered; the lot still counts once
        assertThat(value("forest.planting_material.seedlings", "REGION:43", Y2026).getValue()).isEqualTo(850_000);
        assertThat(value("forest.planting_material.seedlings", "REGION:43", Y2026).getInputEvents()).isEqualTo(1);
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:43", Y2026).getValue())
                .isEqualTo(85.0);
        assertThat(value("forest.planting_material.plan_coverage_pct", "NATIONAL", Y2026).getValue())
                .isEqualTo(85.0);

        // when a later recount finds 900,000 (replacing 850,000, not adding to it) and the seed is reweighed at 1.5 t
        send(corrected(big, 850_000, 900_000, PlantingMaterialCorrectionReason.RECOUNT, LocalDate.of(2026, 3, 1)));
        send(corrected(seed, 2_000, 1_500, PlantingMaterialCorrectionReason.RECOUNT, LocalDate.of(2026, 3, 1)));
        assertThat(value("forest.planting_material.seedlings", "REGION:43", Y2026).getValue()).isEqualTo(900_000);
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:43", Y2026).getValue())
                .isEqualTo(90.0);
        assertThat(value("forest.planting_material.seeds_tonnes", "NATIONAL", Y2026).getValue()).isEqualTo(1.5);
        // and 2025 has not moved
        assertThat(latest.get("forest.planting_material.plan_coverage_pct|REGION:43|" + Y2025)).isEqualTo(year2025);

        // when the same correction arrives again (a replayed event), nothing is published
        send(corrected(big, 850_000, 900_000, PlantingMaterialCorrectionReason.RECOUNT, LocalDate.of(2026, 3, 1)));
        assertThat(kpis.isEmpty()).isTrue();
        // and a lot lost entirely counts zero, but is still a lot
        send(corrected(big, 900_000, 0, PlantingMaterialCorrectionReason.LOSS, LocalDate.of(2026, 3, 5)));
        assertThat(value("forest.planting_material.seedlings", "REGION:43", Y2026).getValue()).isEqualTo(0.0);
        assertThat(value("forest.planting_material.plan_coverage_pct", "REGION:43", Y2026).getValue()).isEqualTo(0.0);
    }

    @Test
    void aLotReportedLateOrReplayedCountsOnce() {
        PlantingMaterialPrepared first = lot("pv-1", Region.PAVLODAR, 2026, PlantingMaterialKind.SEEDLING, 40_000,
                LocalDate.of(2025, 9, 1));
        send(first);
        drain();
        // when the lot is replayed and one prepared earlier is reported late
        send(first);
        assertThat(kpis.isEmpty()).isTrue();
        send(lot("pv-0", Region.PAVLODAR, 2026, PlantingMaterialKind.SAPLING, 2_000, LocalDate.of(2025, 5, 1)));
        // then both count once
        KpiValue seedlings = value("forest.planting_material.seedlings", "REGION:55", Y2026);
        assertThat(seedlings.getValue()).isEqualTo(42_000);
        assertThat(seedlings.getInputEvents()).isEqualTo(2);
        // and a lot of a kind this reader does not know counts nowhere
        send(lot("pv-x", Region.PAVLODAR, 2026, PlantingMaterialKind.UNKNOWN, 9_999, LocalDate.of(2025, 9, 2)));
        assertThat(kpis.isEmpty()).isTrue();
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
