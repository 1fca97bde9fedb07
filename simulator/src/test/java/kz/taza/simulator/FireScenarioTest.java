package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import kz.taza.simulator.scenario.Model.DetectionSystem;
import kz.taza.simulator.scenario.Model.Fire;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.GroundTruth;

/** The fire and early-detection part of the scenario: the published figures, at every scale, and sound fires. */
class FireScenarioTest {

    @ParameterizedTest(name = "{0} plantings per year, seed {1}")
    @CsvSource({"20, 1", "400, 2024", "1000, 99"})
    void theFinalAreasGiveThePublished116000HectaresOf2023AndTheAssumedOtherYears(int plantingsPerYear, long seed) {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(40)
                .withPlantingsPerYear(plantingsPerYear).withSeed(seed));
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);

        assertThat(truth.get("forest.fires.hectares_burned|NATIONAL|YEAR:2023-01-01")).isEqualTo(116_000.0);
        assertThat(truth.get("forest.fires.hectares_burned|NATIONAL|YEAR:2024-01-01")).isEqualTo(35_000.0);
        assertThat(truth.get("forest.fires.hectares_burned|NATIONAL|YEAR:2025-01-01")).isEqualTo(28_000.0);
        // the regions add up to the nation, in fires and in hectares
        for (int year : ScenarioGenerator.FIRE_YEARS) {
            String period = "|YEAR:" + year + "-01-01";
            assertThat(sumOfRegions(truth, "forest.fires.hectares_burned", period))
                    .isCloseTo(truth.get("forest.fires.hectares_burned|NATIONAL" + period),
                            org.assertj.core.api.Assertions.within(0.01 * 8));
            assertThat(sumOfRegions(truth, "forest.fires.count", period))
                    .isEqualTo(truth.get("forest.fires.count|NATIONAL" + period));
            assertThat(truth.get("forest.fires.count|NATIONAL" + period)).isEqualTo(
                    (double) scenario.fires().stream().filter(f -> f.reportedOn().getYear() == year).count());
        }
    }

    @Test
    void theTruthCountsTheCorrectedAreaNotTheOneFirstSent() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(40));
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);

        assertThat(scenario.fires()).anyMatch(f -> f.firstSentHectares() != null);
        double firstSent2023 = scenario.fires().stream().filter(f -> f.reportedOn().getYear() == 2023)
                .mapToDouble(f -> f.firstSentHectares() != null ? f.firstSentHectares() : f.hectaresBurned()).sum();
        assertThat(firstSent2023).isGreaterThan(116_000.0);
        assertThat(truth.get("forest.fires.hectares_burned|NATIONAL|YEAR:2023-01-01")).isEqualTo(116_000.0);
    }

    @Test
    void everyFireIsSoundAsTheServiceChecksIt() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT);
        assertThat(scenario.fires()).hasSize(3 * 40);
        assertThat(scenario.fires()).allSatisfy(f -> {
            assertThat(f.hectaresAtReport()).isPositive().isLessThanOrEqualTo(1_000_000);
            assertThat(f.hectaresBurned()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(1_000_000);
            LocalDate earliest = f.containedOn() == null ? f.reportedOn() : f.containedOn();
            assertThat(f.containedOn() == null || !f.containedOn().isBefore(f.reportedOn())).isTrue();
            assertThat(f.extinguishedOn()).isAfterOrEqualTo(earliest).isBefore(LocalDate.of(2026, 1, 1));
        });
        assertThat(scenario.fires()).anyMatch(f -> f.containedOn() == null);
        assertThat(scenario.fires().stream().map(Fire::fireId).distinct()).hasSize(scenario.fires().size());
    }

    @Test
    void detectionCoverageIsThePublished1point3MillionHectaresByAprilAnd5point6MillionByTheEndOf2025() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(40));
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);

        double byApril = scenario.detectionSystems().stream()
                .filter(d -> d.installedOn().isBefore(LocalDate.of(2025, 4, 1)))
                .mapToDouble(DetectionSystem::coveredHectares).sum();
        assertThat(byApril).isCloseTo(1_300_000, org.assertj.core.api.Assertions.within(0.001));
        assertThat(truth.get("forest.fire_detection.covered_hectares|NATIONAL|PROGRAMME:2021-01-01"))
                .isEqualTo(5_600_000.0);
        // 5.6 of the assumed 30 million ha of forest fund
        assertThat(truth.get("forest.fire_detection.coverage_pct|NATIONAL|PROGRAMME:2021-01-01")).isEqualTo(18.67);
        double years = truth.get("forest.fire_detection.covered_hectares|NATIONAL|YEAR:2023-01-01")
                + truth.get("forest.fire_detection.covered_hectares|NATIONAL|YEAR:2024-01-01")
                + truth.get("forest.fire_detection.covered_hectares|NATIONAL|YEAR:2025-01-01");
        assertThat(years).isCloseTo(5_600_000, org.assertj.core.api.Assertions.within(0.03));
        // no regional share: no region's forest-fund area is known by default
        assertThat(truth.keySet()).noneMatch(k -> k.startsWith("forest.fire_detection.coverage_pct|REGION:"));
        assertThat(scenario.detectionSystems()).allSatisfy(d -> assertThat(d.coveredHectares()).isPositive()
                .isLessThanOrEqualTo(5_000_000));
    }

    private static double sumOfRegions(Map<String, Double> truth, String kpi, String period) {
        return truth.entrySet().stream().filter(e -> e.getKey().startsWith(kpi + "|REGION:")
                && e.getKey().endsWith(period)).mapToDouble(Map.Entry::getValue).sum();
    }
}
