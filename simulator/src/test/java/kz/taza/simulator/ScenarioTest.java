package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.permit.KepDeadlines;
import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Model.Planting;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.Scenario.Reading;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.GroundTruth;

class ScenarioTest {

    private static final String NATIONAL_CHANGE = "emissions.reported.change_pct|NATIONAL|YEAR:2024-01-01";
    private static final String TOP50_CHANGE = "emissions.reported.change_pct|GROUP:TOP50_CAT1|YEAR:2024-01-01";

    @Test
    void theSameSeedGivesTheSameScenarioAndReadings() {
        ScenarioConfig config = ScenarioConfig.DEFAULT.withFacilities(300);

        Scenario first = ScenarioGenerator.generate(config);
        Scenario second = ScenarioGenerator.generate(config);

        assertThat(second).isEqualTo(first);
        assertThat(readings(second)).isEqualTo(readings(first));
        assertThat(GroundTruth.of(second, 2026, true)).isEqualTo(GroundTruth.of(first, 2026, true));
    }

    @Test
    void anotherSeedGivesAnotherScenario() {
        Scenario first = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(300));
        Scenario other = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(300).withSeed(7));

        assertThat(other.facilities()).isNotEqualTo(first.facilities());
        assertThat(other.reports()).isNotEqualTo(first.reports());
    }

    @ParameterizedTest(name = "{0} facilities, seed {1}")
    @CsvSource({"12, 1", "40, 2024", "60, 5", "250, 2024", "2000, 2024", "5000, 99"})
    void theReportsGiveTheHeadlineAtEveryScale(int facilities, long seed) {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(facilities)
                .withSeed(seed).withAmsDays(1));

        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);

        assertThat(truth.get(NATIONAL_CHANGE)).isCloseTo(-6.0, within(0.011));
        assertThat(truth.get(TOP50_CHANGE)).isCloseTo(-50.0, within(0.011));
        assertThat(truth.get("emissions.reported.tonnes|NATIONAL|YEAR:2023-01-01"))
                .isCloseTo(2_258_000.0, within(1.0));
    }

    @Test
    void theFeesDueAreThePollutantsReportedTonnesAtTheirRatesAndPartOfThemIsRedirectedByKepHolders() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(250).withAmsDays(1));
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);
        Map<String, double[]> tonnes = GroundTruth.reportedTonnes(scenario);

        // the national fee is each pollutant's national tonnes at its rate (MCI/t) and the year's MCI
        double[] rates = {20, 20, 0.32, 10}; // SO2, NOX, CO, DUST
        String[] pollutants = {"SO2", "NOX", "CO", "DUST"};
        double[] mci = {3_450, 3_692}; // 2023, 2024
        for (int y = 0; y < 2; y++) {
            double expected = 0;
            for (int p = 0; p < pollutants.length; p++) {
                expected += tonnes.get("POLLUTANT:" + pollutants[p])[y] * rates[p] * mci[y];
            }
            String year = (2023 + y) + "-01-01";
            double due = truth.get("emissions.fees.due_kzt|NATIONAL|YEAR:" + year);
            assertThat(due).isCloseTo(expected, within(expected * 1e-9));
            // the regions' fees add up to the national one
            double regions = truth.entrySet().stream().filter(e -> e.getKey().startsWith("emissions.fees.due_kzt|REGION:")
                    && e.getKey().endsWith(year)).mapToDouble(Map.Entry::getValue).sum();
            assertThat(regions).isCloseTo(due, within(due * 1e-9));
            // and KEP holders' part of it is redirected: some, not all (Categories II and III hold no KEP)
            double redirected = truth.get("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:" + year);
            assertThat(redirected).isPositive().isLessThan(due);
        }
    }

    @Test
    void thePermitsAsReplayedLaterStayValidWithTheirStartAndTermAndTheSameKepYears() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(300).withAmsDays(1));
        LocalDate today = LocalDate.of(2026, 12, 3);
        LocalDate later = LocalDate.of(2040, 6, 1);
        int renewed = 0;
        int transitional = 0;
        for (Permit p : scenario.permits()) {
            // the generated terms cover today, so today's replay sends them as generated
            assertThat(p.validTo()).isAfterOrEqualTo(LocalDate.of(2029, 12, 31));
            assertThat(p.validToOn(today)).isEqualTo(p.validTo());
            assertThat(p.issuableOn(today)).isTrue();
            if (p.transitional()) {
                // a Category I facility's impact permit ends the day before the facility must hold a KEP, and is
                // neither extended nor issued after that
                transitional++;
                assertThat(p.type()).isEqualTo("ENVIRONMENTAL_IMPACT_PERMIT");
                assertThat(scenario.facilitiesById().get(p.facilityId())).satisfies(f -> {
                    assertThat(f.category()).isEqualTo("I");
                    assertThat(f.top50()).isFalse();
                });
                assertThat(p.validTo()).isEqualTo(KepDeadlines.CODE.lastTransitionalDay(false));
                assertThat(p.limits()).allSatisfy(l -> assertThat(l.mgPerNm3()).isNull());
                assertThat(p.validToOn(later)).isEqualTo(p.validTo());
                assertThat(p.issuableOn(later)).isFalse();
                continue;
            }
            assertThat(p.issuableOn(later)).isTrue();
            // in 2040 every permit is sent valid, extended by whole terms of its own length
            LocalDate to = p.validToOn(later);
            assertThat(to).isAfterOrEqualTo(later);
            long term = ChronoUnit.YEARS.between(p.validFrom(), p.validTo().plusDays(1));
            long years = ChronoUnit.YEARS.between(p.validFrom(), to.plusDays(1));
            assertThat(p.validFrom().plusYears(years).minusDays(1)).isEqualTo(to);
            assertThat(years % term).isZero();
            // and no shorter extension would have done
            assertThat(p.validFrom().plusYears(years - term).minusDays(1)).isBefore(later);
            if (to.isAfter(p.validTo())) {
                renewed++;
            }
            // a KEP was in force in a report year as issued exactly when it was as generated (the ground truth's view)
            for (int year = 2021; year <= 2024; year++) {
                LocalDate january = LocalDate.of(year, 1, 1);
                assertThat(to.isBefore(january)).isEqualTo(p.validTo().isBefore(january));
            }
        }
        assertThat(transitional).isPositive();
        assertThat(renewed).isEqualTo(scenario.permits().size() - transitional);
    }

    @Test
    void pavlodarAndKaragandaAreTheLargestEmittersOfTheDefaultScenario() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withAmsDays(1));
        Map<String, double[]> tonnes = GroundTruth.reportedTonnes(scenario);

        List<String> regions = new ArrayList<>(tonnes.keySet().stream().filter(s -> s.startsWith("REGION:")).toList());
        regions.sort(Comparator.comparingDouble((String r) -> tonnes.get(r)[0]).reversed());

        assertThat(regions).hasSize(20);
        assertThat(regions.subList(0, 2)).containsExactlyInAnyOrder("REGION:55", "REGION:35");
    }

    @Test
    void theDefaultScenarioHasTheFiftyLargestEnterprisesAndAmsSourcesWithEpisodes() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT);

        assertThat(scenario.facilities()).hasSize(2000);
        assertThat(scenario.facilities().stream().filter(Facility::top50).mapToInt(Facility::enterprise).distinct()
                .count()).isEqualTo(50);
        assertThat(scenario.amsSources()).hasSizeBetween(50, 600);
        assertThat(scenario.episodes()).isNotEmpty();
        assertThat(scenario.episodes().stream().anyMatch(e -> e.ratio() >= 2.0)).isTrue();
    }

    @Test
    void treesPlantedFollowThePublishedYearlyFigures() {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(40));
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, false);

        assertThat(truth.get("trees.planted.count|NATIONAL|YEAR:2021-01-01")).isEqualTo(138_000_000.0);
        assertThat(truth.get("trees.planted.count|NATIONAL|YEAR:2024-01-01")).isEqualTo(264_900_000.0);
        assertThat(truth.get("trees.planted.count|NATIONAL|YEAR:2025-01-01")).isEqualTo(270_000_000.0);
        double first3 = truth.get("trees.planted.count|NATIONAL|YEAR:2021-01-01")
                + truth.get("trees.planted.count|NATIONAL|YEAR:2022-01-01")
                + truth.get("trees.planted.count|NATIONAL|YEAR:2023-01-01");
        assertThat(first3).isEqualTo(839_500_000.0);
        assertThat(truth.get("aral.saxaul_hectares|NATIONAL|PROGRAMME:2021-01-01")).isEqualTo(792_000.0);
        assertThat(scenario.plantings()).allSatisfy(p -> {
            double density = p.treeCount() / p.hectares();
            assertThat(density).isBetween(100.0, 10_000.0);
            assertThat(p.plantedOn()).isBefore(LocalDate.of(2026, 1, 1));
        });
        assertThat(scenario.plantings().stream().filter(Planting::aralSeabed)).allMatch(p -> p.regionCode()
                .equals("43"));
    }

    private static List<Reading> readings(Scenario scenario) {
        List<Reading> all = new ArrayList<>();
        scenario.amsSources().forEach(s -> {
            for (int i = 0; i < scenario.amsIntervals(); i++) {
                all.addAll(scenario.readings(s, i));
            }
        });
        return all;
    }
}
