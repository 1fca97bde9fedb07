package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.emission.ExceedanceLimitKind;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.schemas.KpiKey;
import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.simulator.scenario.Model.FlowSurge;
import kz.taza.simulator.scenario.Model.Outage;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.Enforcement;
import kz.taza.simulator.truth.Enforcement.Expected;
import kz.taza.simulator.truth.ServiceEpisodes;
import kz.taza.simulator.truth.ServiceEpisodes.Found;

/**
 * The enforcement the scenario's exceedances call for follows every episode the service finds, of every kind of
 * limit: the mass-rate and annual-mass episodes get their notices, and their ratios and repetitions count.
 */
class EnforcementTest {

    private final Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT);

    @Test
    void everyFacilityWithAnEpisodeOfAnyKindIsNoticedAndTheMassOnlyFacilitiesAreFinedWithoutAnInspection() {
        List<Found> found = ServiceEpisodes.of(scenario);
        Set<String> withEpisodes = found.stream().map(Found::facilityId).collect(Collectors.toSet());
        Set<String> massOnly = new HashSet<>(withEpisodes);
        found.stream().filter(e -> e.kind() == ExceedanceLimitKind.CONCENTRATION)
                .forEach(e -> massOnly.remove(e.facilityId()));
        assertThat(found).anyMatch(e -> e.kind() == ExceedanceLimitKind.MASS_RATE)
                .anyMatch(e -> e.kind() == ExceedanceLimitKind.ANNUAL_MASS);
        assertThat(massOnly).isNotEmpty();

        List<Expected> expected = Enforcement.expected(scenario);
        assertThat(expected).extracting(Expected::facilityId).containsExactlyInAnyOrderElementsOf(withEpisodes);
        for (Expected e : expected) {
            // every scenario's episodes of a facility are within 30 days: one notice each
            assertThat(e.notices()).as(e.facilityId()).isEqualTo(1);
            if (massOnly.contains(e.facilityId())) {
                assertThat(e.unscheduled()).as("a single mass episode under twice its limit: %s", e).isZero();
                assertThat(e.offenceDate()).isEqualTo(scenario.dayOf(found.stream()
                        .filter(x -> x.facilityId().equals(e.facilityId())).findFirst().orElseThrow()
                        .firstInterval()));
            }
        }

        LocalDate today = LocalDate.of(2026, 12, 4);
        Map<String, Double> kpis = Enforcement.kpis(scenario, today);
        var year = KpiPeriods.containing(KpiGranularity.YEAR, today);
        assertThat(kpis.get(new KpiKey(InspectionKpis.FINES_COUNT.id(), "NATIONAL", year).text()))
                .isEqualTo((double) withEpisodes.size());
        long planned = scenario.episodes().stream().map(x -> x.facilityId()).distinct().count();
        assertThat((double) withEpisodes.size()).isEqualTo(planned + massOnly.size());
        assertThat(kpis.get(new KpiKey(InspectionKpis.FINES_WITHOUT_INSPECTION.id(), "NATIONAL", year).text()))
                .isEqualTo((double) expected.stream().filter(e -> e.unscheduled() == 0).count());
    }

    @Test
    void aSurgeAtTwiceItsLimitCallsForAnUnscheduledInspection() {
        FlowSurge surge = surgeAtAMassOnlyFacility();
        assertThat(of(Enforcement.expected(scenario), surge.facilityId()).unscheduled()).isZero();

        FlowSurge severe = new FlowSurge(surge.facilityId(), surge.sourceId(), surge.firstInterval(),
                surge.intervals(), surge.factor() * 2);
        Scenario changed = withSurges(replace(surge, List.of(severe)));

        // the surging pollutant at over twice its g/s limit (others may now pass theirs too)
        assertThat(ServiceEpisodes.of(changed).stream().filter(e -> e.facilityId().equals(surge.facilityId())
                && e.kind() == ExceedanceLimitKind.MASS_RATE).mapToDouble(Found::ratio).max().orElseThrow())
                .isGreaterThanOrEqualTo(Enforcement.SEVERE_RATIO);
        Expected e = of(Enforcement.expected(changed), surge.facilityId());
        assertThat(e.notices()).isEqualTo(1);
        assertThat(e.unscheduled()).isEqualTo(1);
    }

    @Test
    void threeSurgesWithinTheWindowCallForOneNoticeAndAnUnscheduledInspection() {
        FlowSurge surge = surgeAtAMassOnlyFacility();
        // the same surge in two more free 4-hour slots of the source (no outage there)
        Set<Integer> used = new HashSet<>();
        used.add(surge.firstInterval() / 12);
        for (Outage o : scenario.outagesBySource().getOrDefault(surge.facilityId() + "/" + surge.sourceId(),
                List.of())) {
            used.add(o.firstInterval() / 12);
        }
        List<Integer> slots = new ArrayList<>();
        for (int slot = 1; slot < scenario.amsIntervals() / 12 - 1 && slots.size() < 2; slot++) {
            if (!used.contains(slot)) {
                slots.add(slot);
            }
        }
        assertThat(slots).hasSize(2);
        // a surge factor at which each of the three surges is above the g/s limit, but under twice it (so only the
        // repetition can call for the inspection): the noise differs from slot to slot, so a few are tried
        for (double f = surge.factor() * 1.2; f > surge.factor() * 0.6; f -= surge.factor() * 0.05) {
            List<FlowSurge> three = new ArrayList<>(List.of(surge));
            for (int slot : slots) {
                three.add(new FlowSurge(surge.facilityId(), surge.sourceId(), slot * 12 + 3, surge.intervals(), f));
            }
            Scenario changed = withSurges(replace(surge, three));
            List<Found> atFacility = ServiceEpisodes.of(changed).stream()
                    .filter(e -> e.facilityId().equals(surge.facilityId())).toList();
            if (atFacility.stream().map(Found::startedAt).distinct().count() < 3
                    || atFacility.stream().anyMatch(e -> e.ratio() >= Enforcement.SEVERE_RATIO)) {
                continue;
            }
            assertThat(atFacility).allMatch(e -> e.kind() == ExceedanceLimitKind.MASS_RATE);
            Expected e = of(Enforcement.expected(changed), surge.facilityId());
            assertThat(e.notices()).isEqualTo(1);
            assertThat(e.unscheduled()).isEqualTo(1);
            return;
        }
        throw new AssertionError("no surge factor gives three mass-rate episodes under twice the limit");
    }

    private FlowSurge surgeAtAMassOnlyFacility() {
        Set<String> concentration = scenario.episodes().stream().map(x -> x.facilityId()).collect(Collectors.toSet());
        return scenario.flowSurges().stream().filter(s -> !concentration.contains(s.facilityId())).findFirst()
                .orElseThrow();
    }

    private List<FlowSurge> replace(FlowSurge surge, List<FlowSurge> by) {
        List<FlowSurge> out = new ArrayList<>(scenario.flowSurges());
        out.remove(surge);
        out.addAll(by);
        return out;
    }

    private Scenario withSurges(List<FlowSurge> surges) {
        return Scenario.of(scenario.config(), scenario.facilities(), scenario.permits(), scenario.reports(),
                scenario.amsSources(), scenario.episodes(), scenario.outages(), scenario.plans(), scenario.plantings(),
                scenario.surveys(), scenario.fires(), scenario.detectionSystems(), scenario.materialLots(), surges);
    }

    private static Expected of(List<Expected> expected, String facilityId) {
        return expected.stream().filter(e -> e.facilityId().equals(facilityId)).findFirst().orElseThrow();
    }
}
