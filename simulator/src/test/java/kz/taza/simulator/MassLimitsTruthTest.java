package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Fate;
import kz.taza.simulator.scenario.Model.Limit;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.Scenario.Reading;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.GroundTruth;

/**
 * The scenario's AMS flows against its permits' mass limits, and the ground truth of the mass limits' episodes,
 * computed from the readings as emission-service compares them.
 */
class MassLimitsTruthTest {

    private static final String MASS_RATE = "emissions.exceedances.mass_rate.count|NATIONAL|";
    private static final String ANNUAL_MASS = "emissions.exceedances.annual_mass.count|NATIONAL|";

    private final Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT);

    @Test
    void everyValidIntervalOfTheScenarioIsUnderItsSourcesGramsPerSecondLimit() {
        Map<String, Permit> permits = new HashMap<>();
        scenario.permits().forEach(p -> permits.put(p.facilityId(), p));
        int compared = 0;
        for (AmsSource source : scenario.amsSources()) {
            Permit permit = permits.get(source.facilityId());
            for (int i = 0; permit != null && i < scenario.amsIntervals(); i++) {
                for (Reading r : scenario.readings(source, i)) {
                    for (Limit l : permit.limits()) {
                        if (l.sourceId().equals(r.sourceId()) && l.pollutant().equals(r.pollutant())
                                && "VALID".equals(r.status())) {
                            compared++;
                            assertThat(EmissionMass.gramsPerSecond(r.concentrationMgNm3(), r.flowNm3PerHour()))
                                    .as("%s %s %s", r.facilityId(), r.pollutant(), r.intervalStart())
                                    .isLessThanOrEqualTo(l.gramsPerSecond());
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, true);
        assertThat(truth.keySet()).noneMatch(k -> k.startsWith(MASS_RATE) || k.startsWith(ANNUAL_MASS));
    }

    @Test
    void withFlowsAboveTheLimitsTheGroundTruthCountsTheMassRateEpisodesTheReadingsShow() {
        // the same scenario with every AMS source's flow a hundred times larger
        List<AmsSource> louder = scenario.amsSources().stream().map(s -> new AmsSource(s.index(), s.facilityId(),
                s.sourceId(), s.regionCode(), s.baseMgNm3(), s.flowNm3PerHour() * 100, s.limitMgNm3())).toList();
        Scenario loud = Scenario.of(scenario.config(), scenario.facilities(), scenario.permits(), scenario.reports(),
                louder, scenario.episodes(), scenario.outages(), scenario.plans(), scenario.plantings(),
                scenario.surveys(), scenario.fires(), scenario.detectionSystems(),
                scenario.materialLots());

        // counted independently here: a start is a VALID interval above the limit after one not above it
        Map<String, Permit> permits = new HashMap<>();
        loud.permits().forEach(p -> permits.put(p.facilityId(), p));
        double starts = 0;
        for (AmsSource source : loud.amsSources()) {
            Permit permit = permits.get(source.facilityId());
            if (permit == null || permit.fate() != Fate.ACTIVE) {
                continue;
            }
            for (Limit l : permit.limits()) {
                boolean above = false;
                for (int i = 0; l.sourceId().equals(source.sourceId()) && i < loud.amsIntervals(); i++) {
                    for (Reading r : loud.readings(source, i)) {
                        if (r.pollutant().equals(l.pollutant()) && "VALID".equals(r.status())) {
                            boolean now = EmissionMass.gramsPerSecond(r.concentrationMgNm3(), r.flowNm3PerHour())
                                    > l.gramsPerSecond();
                            starts += now && !above ? 1 : 0;
                            above = now;
                        }
                    }
                }
            }
        }
        Map<String, Double> truth = GroundTruth.of(loud, 2026, true);
        double counted = truth.entrySet().stream().filter(e -> e.getKey().startsWith(MASS_RATE + "YEAR:"))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(starts).isGreaterThan(0);
        assertThat(counted).isEqualTo(starts);
    }
}
