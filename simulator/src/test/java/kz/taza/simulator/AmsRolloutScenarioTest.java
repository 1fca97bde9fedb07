package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kz.taza.contracts.permit.AmsObligation;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.SourceKind;
import kz.taza.simulator.scenario.Calibration;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Model.Source;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.GroundTruth;

/**
 * The scenario's AMS: the obligation rule decides which sources must have one, from the attributes the replay
 * registers; the enterprises' rollout (installed, connected) is fitted to the published 62/91 and 34/91; only a
 * connected AMS sends readings, and the ground truth counts the connected enterprises from them.
 */
class AmsRolloutScenarioTest {

    @ParameterizedTest(name = "{0} facilities, {1} AMS day(s)")
    @CsvSource({"50, 1", "400, 1", "2000, 2"})
    void theRuleDecidesTheObligationAndTheRolloutIsFittedToThePublishedShares(int facilities, int amsDays) {
        Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withFacilities(facilities)
                .withAmsDays(amsDays));

        Map<String, int[]> enterprises = new HashMap<>(); // obliged sources, installed, transmitting
        for (Facility f : scenario.facilities()) {
            for (Source s : f.sources()) {
                // the obligation is the rule's, from what the replay registers
                EmissionSource registered = EmissionSource.newBuilder().setSourceId(s.sourceId()).setName(s.name())
                        .setAmsRequired(false).setAmsInstalled(false).setKind(SourceKind.valueOf(s.kind()))
                        .setDeclaredTonnesPerYear(s.declaredTonnesPerYear()).build();
                assertThat(s.amsRequired()).as(f.facilityId() + "/" + s.sourceId())
                        .isEqualTo(AmsObligation.obliged(FacilityCategory.valueOf(f.category()), registered));
                assertThat(s.declaredTonnesPerYear()).isNotNull().isGreaterThanOrEqualTo(0.0);
                assertThat(!s.amsInstalled() || s.amsRequired()).as("only obliged sources have AMS").isTrue();
                assertThat(!s.amsTransmits() || s.amsInstalled()).as("only an installed AMS transmits").isTrue();
                if (s.amsRequired()) {
                    int[] e = enterprises.computeIfAbsent(f.operatorBin(), k -> new int[3]);
                    e[0]++;
                    e[1] += s.amsInstalled() ? 1 : 0;
                    e[2] += s.amsTransmits() ? 1 : 0;
                }
            }
        }
        int obliged = enterprises.size();
        long installed = enterprises.values().stream().filter(e -> e[1] == e[0]).count();
        long connected = enterprises.values().stream().filter(e -> e[2] > 0).count();
        assertThat(obliged).isPositive();
        // fitted: the nearest whole numbers to the published shares (an enterprise installs all its AMS or none)
        assertThat(installed).isEqualTo(Math.round(obliged * Calibration.AMS_INSTALLED_SHARE));
        assertThat(connected).isEqualTo(Math.round(obliged * Calibration.AMS_CONNECTED_SHARE));
        assertThat(enterprises.values()).allMatch(e -> e[1] == 0 || e[1] == e[0]);
        if (obliged >= 20) {
            assertThat((double) installed / obliged).isCloseTo(62.0 / 91, within(0.02));
            assertThat((double) connected / obliged).isCloseTo(34.0 / 91, within(0.02));
        }

        // only the connected AMS send readings
        Set<String> transmitting = new HashSet<>();
        scenario.facilities().forEach(f -> f.sources().stream().filter(Source::amsTransmits)
                .forEach(s -> transmitting.add(f.facilityId() + "/" + s.sourceId())));
        Set<String> sending = new HashSet<>();
        for (AmsSource s : scenario.amsSources()) {
            sending.add(s.facilityId() + "/" + s.sourceId());
        }
        assertThat(sending).isEqualTo(transmitting);

        // and the ground truth counts the connected enterprises of each AMS day from the readings
        Map<String, Double> truth = GroundTruth.of(scenario, 2026, true);
        for (int day = 0; day < amsDays; day++) {
            LocalDate date = scenario.dayOf(day * Scenario.INTERVALS_PER_DAY);
            assertThat(truth.get("ams.enterprises.connected.count|NATIONAL|DAY:" + date))
                    .as("connected on " + date).isEqualTo((double) connected);
        }
    }
}
