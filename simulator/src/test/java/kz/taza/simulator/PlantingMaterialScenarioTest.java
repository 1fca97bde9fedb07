package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kz.taza.simulator.scenario.Model.MaterialLot;
import kz.taza.simulator.scenario.Model.Plan;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.GroundTruth;

/**
 * The planting-material part of the scenario: the Aral seabed's published seed and seedlings at every scale, material
 * sized on the next year's plan, lots as the service accepts them, and a ground truth that follows the corrections.
 */
class PlantingMaterialScenarioTest {

    @ParameterizedTest(name = "{0} plantings per year, seed {1}")
    @CsvSource({"20, 1", "400, 2024", "1000, 99"})
    void theAralsSeedAndSeedlingsAreThePublished2083TonnesAnd48point7Million(int plantingsPerYear, long seed) {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(40)
                .withPlantingsPerYear(plantingsPerYear).withSeed(seed));
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);

        // the seed for the plantings of 2021-2025, all in Kyzylorda, weighs 2,083 t once corrected
        double tonnes = 0;
        for (int year = 2021; year <= 2025; year++) {
            Double national = truth.get("forest.planting_material.seeds_tonnes|NATIONAL|YEAR:" + year + "-01-01");
            assertThat(national).isEqualTo(truth.get("forest.planting_material.seeds_tonnes|REGION:43|YEAR:" + year
                    + "-01-01"));
            tonnes += national;
        }
        assertThat(tonnes).isCloseTo(2_083.0, within(1e-6));
        // and the seed first sent was heavier: the truth counts the recount
        double firstSent = scenario.materialLots().stream().filter(l -> !l.pieces() && l.plantingYear() <= 2025)
                .mapToDouble(MaterialLot::quantity).sum();
        assertThat(firstSent).isGreaterThan(2_083_000.0);
        // the Aral's saxaul seedling lots (the first lot of Kyzylorda's year) count 48.7 million
        long aral = scenario.materialLots().stream().filter(l -> l.lotId().matches("PM43-202[1-5]-01"))
                .mapToLong(l -> (long) l.quantity()).sum();
        assertThat(aral).isEqualTo(ScenarioGenerator.ARAL_SEEDLINGS);
    }

    @Test
    void seedlingsAreSizedOnTheNextYearsPlanAndTheCoverageIsComputedFromTheLots() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(40));
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);

        Map<String, Double> planned = new HashMap<>();
        for (Plan plan : scenario.plans()) {
            planned.merge(plan.regionCode() + "|" + plan.year(), (double) plan.trees(), Double::sum);
            planned.merge("NATIONAL|" + plan.year(), (double) plan.trees(), Double::sum);
        }
        Map<String, Double> pieces = new HashMap<>();
        for (MaterialLot lot : scenario.materialLots()) {
            if (lot.pieces()) {
                pieces.merge(lot.regionCode() + "|" + lot.plantingYear(), lot.finalQuantity(), Double::sum);
                pieces.merge("NATIONAL|" + lot.plantingYear(), lot.finalQuantity(), Double::sum);
            }
        }
        int covered = 0;
        int short_ = 0;
        for (Map.Entry<String, Double> plan : planned.entrySet()) {
            String[] at = plan.getKey().split("\\|");
            String scope = "NATIONAL".equals(at[0]) ? "NATIONAL" : "REGION:" + at[0];
            String period = "|YEAR:" + at[1] + "-01-01";
            double pct = truth.get("forest.planting_material.plan_coverage_pct|" + scope + period);
            assertThat(pct).isCloseTo(100.0 * pieces.get(plan.getKey()) / plan.getValue(), within(0.005));
            assertThat(truth.get("forest.planting_material.seedlings|" + scope + period))
                    .isEqualTo(pieces.get(plan.getKey()));
            if (!"NATIONAL".equals(at[0])) {
                // 1.1-1.3 x the plan, one region a year 0.85-0.95, less the winter's losses (at most 15 %)
                assertThat(pct).isBetween(0.85 * 85.0, 130.0);
                if (pct >= 100) {
                    covered++;
                } else {
                    short_++;
                }
            }
        }
        // most regions covered, some not: the KPI has something to say
        assertThat(covered).isGreaterThan(short_);
        assertThat(short_).isGreaterThanOrEqualTo(ScenarioGenerator.YEARS);
        // 2026 has material but no plan: seedlings, no coverage
        assertThat(truth.get("forest.planting_material.seedlings|NATIONAL|YEAR:2026-01-01"))
                .isCloseTo(1.2 * ScenarioGenerator.TREES_ASSUMED_NEXT_YEAR, within(0.12 * 300_000_000));
        assertThat(truth).doesNotContainKey("forest.planting_material.plan_coverage_pct|NATIONAL|YEAR:2026-01-01");
        // and the truth follows the corrections: some lots lost material over the winter
        assertThat(scenario.materialLots()).anyMatch(l -> l.pieces() && l.correctedQuantity() != null
                && l.correctedQuantity() < l.quantity());
    }

    @Test
    void everyLotIsSoundAsTheServiceChecksIt() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT);
        assertThat(scenario.materialLots()).allSatisfy(l -> {
            assertThat(l.lotId()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
            assertThat(l.kind()).isIn("SEEDLING", "SAPLING", "SEED");
            assertThat(l.quantity()).isPositive();
            if (l.pieces()) {
                assertThat(l.quantity()).isEqualTo(Math.rint(l.quantity())).isLessThanOrEqualTo(200_000_000);
            } else {
                assertThat(l.quantity()).isLessThanOrEqualTo(5_000_000);
            }
            assertThat(l.plantingYear()).isBetween(l.preparedOn().getYear(), l.preparedOn().getYear() + 5);
            assertThat(l.preparedOn()).isBefore(LocalDate.of(2025, 12, 1));
            if (l.correctedQuantity() != null) {
                assertThat(l.correctedQuantity()).isGreaterThanOrEqualTo(0)
                        .isEqualTo(Math.rint(l.correctedQuantity()));
                assertThat(l.correctedOn()).isAfterOrEqualTo(l.preparedOn()).isBefore(LocalDate.of(2026, 3, 1));
                assertThat(l.correctionReason()).isIn("LOSS", "RECOUNT");
            }
        });
        assertThat(scenario.materialLots().stream().map(MaterialLot::lotId).distinct())
                .hasSize(scenario.materialLots().size());
        // a modest number of REST calls: lots and corrections
        long calls = scenario.materialLots().size()
                + scenario.materialLots().stream().filter(l -> l.correctedQuantity() != null).count();
        assertThat(calls).isBetween(30L, 400L);
    }
}
