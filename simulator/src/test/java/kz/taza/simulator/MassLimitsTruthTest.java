package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.events.emission.ExceedanceLimitKind;
import kz.taza.simulator.scenario.Model;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Fate;
import kz.taza.simulator.scenario.Model.FlowSurge;
import kz.taza.simulator.scenario.Model.Limit;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.Scenario.Reading;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.GroundTruth;
import kz.taza.simulator.truth.ServiceEpisodes;

/**
 * The scenario's AMS flows against its permits' mass limits: the planned flow surges above the g/s limits and the one
 * source whose year of readings crosses its t/yr limit, and the ground truth of the mass limits' episodes, computed
 * from the readings as emission-service compares them (checked here against counts made independently).
 */
class MassLimitsTruthTest {

    private static final String MASS_RATE = "emissions.exceedances.mass_rate.count|NATIONAL|YEAR:";
    private static final String ANNUAL_MASS = "emissions.exceedances.annual_mass.count|NATIONAL|YEAR:";
    /** The CI scenario of the end-to-end test: one day, 50 facilities. */
    private static final ScenarioConfig SMALL = new ScenarioConfig(2024L, 50, 1, 25,
            java.time.LocalDate.of(2025, 11, 3));

    private final Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.DEFAULT);

    @Test
    void onlyTheFlowSurgesIntervalsAreAboveAGramsPerSecondLimitAndNeverAboveAConcentrationLimit() {
        assertThat(scenario.flowSurges()).hasSizeBetween(2, 4);
        Map<String, Permit> permits = permitsOf(scenario);
        int compared = 0;
        int above = 0;
        for (AmsSource source : scenario.amsSources()) {
            Permit permit = permits.get(source.facilityId());
            for (int i = 0; permit != null && i < scenario.amsIntervals(); i++) {
                FlowSurge surge = surgeAt(scenario, source, i);
                int aboveInInterval = 0;
                for (Reading r : scenario.readings(source, i)) {
                    Limit l = limit(permit, r.sourceId(), r.pollutant());
                    if (l == null || !"VALID".equals(r.status())) {
                        continue;
                    }
                    compared++;
                    boolean rateAbove = EmissionMass.gramsPerSecond(r.concentrationMgNm3(), r.flowNm3PerHour())
                            > l.gramsPerSecond();
                    aboveInInterval += rateAbove ? 1 : 0;
                    if (surge != null) {
                        assertThat(l.mgPerNm3() == null || r.concentrationMgNm3() <= l.mgPerNm3())
                                .as("a surge changes no concentration: %s", r).isTrue();
                    }
                }
                if (surge == null) {
                    assertThat(aboveInInterval).as("%s/%s interval %d", source.facilityId(), source.sourceId(), i)
                            .isZero();
                } else {
                    assertThat(aboveInInterval).as("one pollutant above in the surge %s at %d", surge, i)
                            .isEqualTo(1);
                    above++;
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(above).isEqualTo(scenario.flowSurges().stream().mapToInt(FlowSurge::intervals).sum());
    }

    @Test
    void theDefaultScenarioHasMassRateAndAnnualMassEpisodesAndTheGroundTruthCountsThemAsTheReadingsShow() {
        for (Scenario s : List.of(scenario, ScenarioGenerator.generate(SMALL))) {
            Map<String, Double> truth = GroundTruth.of(s, 2026, true);
            double massRate = sum(truth, MASS_RATE);
            double annualMass = sum(truth, ANNUAL_MASS);
            assertThat(massRate).isEqualTo(massRateStarts(s)).isPositive();
            assertThat(annualMass).isEqualTo(annualMassStarts(s)).isEqualTo(1.0);
            // at least one mass-rate episode per surge (more where no candidate had one pollutant alone above)
            assertThat(massRate).isGreaterThanOrEqualTo(s.flowSurges().size());
        }
        // the default scenario's surges have one pollutant above each
        assertThat(sum(GroundTruth.of(scenario, 2026, true), MASS_RATE)).isEqualTo(scenario.flowSurges().size());
    }

    @Test
    void otherSeedsHaveMassLimitEpisodesTooCountedAsTheReadingsShow() {
        for (long seed : new long[] {1, 7, 99}) {
            Scenario s = ScenarioGenerator.generate(ScenarioConfig.DEFAULT.withSeed(seed).withFacilities(800));
            Map<String, Double> truth = GroundTruth.of(s, 2026, true);
            assertThat(sum(truth, MASS_RATE)).as("seed %d", seed).isEqualTo(massRateStarts(s)).isPositive();
            assertThat(sum(truth, ANNUAL_MASS)).as("seed %d", seed).isEqualTo(annualMassStarts(s)).isEqualTo(1.0);
        }
    }

    @Test
    void theSurgesChangeOnlyTheFlowsOfTheirIntervals() {
        Scenario without = Scenario.of(scenario.config(), scenario.facilities(), scenario.permits(),
                scenario.reports(), scenario.amsSources(), scenario.episodes(), scenario.outages(), scenario.plans(),
                scenario.plantings(), scenario.surveys(), scenario.fires(), scenario.detectionSystems());
        int changed = 0;
        for (AmsSource source : scenario.amsSources()) {
            for (int i = 0; i < scenario.amsIntervals(); i++) {
                List<Reading> with = scenario.readings(source, i);
                List<Reading> plain = without.readings(source, i);
                assertThat(with).hasSameSizeAs(plain);
                for (int k = 0; k < with.size(); k++) {
                    Reading a = with.get(k);
                    Reading b = plain.get(k);
                    assertThat(a.concentrationMgNm3()).isEqualTo(b.concentrationMgNm3());
                    assertThat(a.status()).isEqualTo(b.status());
                    if (surgeAt(scenario, source, i) == null) {
                        assertThat(a.flowNm3PerHour()).isEqualTo(b.flowNm3PerHour());
                    } else {
                        assertThat(a.flowNm3PerHour()).isGreaterThan(b.flowNm3PerHour() * 1.5);
                        changed++;
                    }
                }
            }
        }
        assertThat(changed).isEqualTo(4 * scenario.flowSurges().stream().mapToInt(FlowSurge::intervals).sum());
    }

    @Test
    void theConcentrationEpisodesTheServiceFindsAreThePlannedOnes() {
        Set<String> planned = new HashSet<>();
        scenario.episodes().forEach(e -> planned.add(e.facilityId() + "/" + e.sourceId() + "/" + e.pollutant() + "@"
                + e.firstInterval()));
        Set<String> found = new HashSet<>();
        ServiceEpisodes.of(scenario).stream().filter(e -> e.kind() == ExceedanceLimitKind.CONCENTRATION)
                .forEach(e -> found.add(e.facilityId() + "/" + e.sourceId() + "/" + e.pollutant() + "@"
                        + e.firstInterval()));
        assertThat(found).isEqualTo(planned).isNotEmpty();
    }

    @Test
    void theAnnualMassSourcesLimitIsBelowWhatItsReadingsAddUpToAndItsOtherLimitsAreAsGenerated() {
        ServiceEpisodes.Found annual = ServiceEpisodes.of(scenario).stream()
                .filter(e -> e.kind() == ExceedanceLimitKind.ANNUAL_MASS).findFirst().orElseThrow();
        Permit permit = permitsOf(scenario).get(annual.facilityId());
        Limit lowered = limit(permit, annual.sourceId(), annual.pollutant());
        double tonnes = 0;
        AmsSource source = scenario.amsSources().stream().filter(s -> s.facilityId().equals(annual.facilityId())
                && s.sourceId().equals(annual.sourceId())).findFirst().orElseThrow();
        for (int i = 0; i < scenario.amsIntervals(); i++) {
            for (Reading r : scenario.readings(source, i)) {
                if (r.pollutant().equals(annual.pollutant()) && "VALID".equals(r.status())) {
                    tonnes += EmissionMass.tonnes(r.concentrationMgNm3(), r.flowNm3PerHour(), r.intervalMinutes());
                }
            }
        }
        assertThat(lowered.tonnesPerYear()).isLessThan(tonnes).isGreaterThan(tonnes / 2);
        // the g/s limit is still the one derived from the source's tonnes: far above the t/yr limit's average rate
        assertThat(lowered.gramsPerSecond()).isGreaterThan(lowered.tonnesPerYear() * 1e6 / (8_760 * 3_600.0));
        // the other pollutants' limits at the source keep t/yr and g/s in the generated proportion
        for (Limit l : permit.limits()) {
            if (l != lowered) {
                assertThat(l.gramsPerSecond()).as("%s", l)
                        .isCloseTo(Math.max(0.0001, Math.round(l.tonnesPerYear() * 1e6 / (8_760 * 3_600.0) * 1e4)
                                / 1e4), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void withFlowsAboveTheLimitsTheGroundTruthCountsTheMassRateEpisodesTheReadingsShow() {
        // the same scenario with every AMS source's flow a hundred times larger
        List<AmsSource> louder = scenario.amsSources().stream().map(s -> new AmsSource(s.index(), s.facilityId(),
                s.sourceId(), s.regionCode(), s.baseMgNm3(), s.flowNm3PerHour() * 100, s.limitMgNm3())).toList();
        Scenario loud = Scenario.of(scenario.config(), scenario.facilities(), scenario.permits(), scenario.reports(),
                louder, scenario.episodes(), scenario.outages(), scenario.plans(), scenario.plantings(),
                scenario.surveys(), scenario.fires(), scenario.detectionSystems(), scenario.materialLots(),
                scenario.flowSurges());
        double starts = massRateStarts(loud);
        assertThat(starts).isGreaterThan(scenario.flowSurges().size() * 10.0);
        assertThat(sum(GroundTruth.of(loud, 2026, true), MASS_RATE)).isEqualTo(starts);
        assertThat(sum(GroundTruth.of(loud, 2026, true), ANNUAL_MASS)).isEqualTo(annualMassStarts(loud));
    }

    // ---- counted independently: straight from the readings and the permits

    /** A start is a VALID interval above the g/s limit after one not above it. */
    private static double massRateStarts(Scenario s) {
        Map<String, Permit> permits = permitsOf(s);
        double starts = 0;
        for (AmsSource source : s.amsSources()) {
            Permit permit = permits.get(source.facilityId());
            if (permit == null || permit.fate() != Fate.ACTIVE) {
                continue;
            }
            for (String pollutant : Model.POLLUTANTS) {
                Limit l = limit(permit, source.sourceId(), pollutant);
                boolean above = false;
                for (int i = 0; l != null && i < s.amsIntervals(); i++) {
                    for (Reading r : s.readings(source, i)) {
                        if (r.pollutant().equals(pollutant) && "VALID".equals(r.status())) {
                            boolean now = EmissionMass.gramsPerSecond(r.concentrationMgNm3(), r.flowNm3PerHour())
                                    > l.gramsPerSecond();
                            starts += now && !above ? 1 : 0;
                            above = now;
                        }
                    }
                }
            }
        }
        return starts;
    }

    /** Within one calendar year (the scenarios here have one), a start is where the year's tonnes pass the limit. */
    private static double annualMassStarts(Scenario s) {
        Map<String, Permit> permits = permitsOf(s);
        double starts = 0;
        for (AmsSource source : s.amsSources()) {
            Permit permit = permits.get(source.facilityId());
            if (permit == null || permit.fate() != Fate.ACTIVE) {
                continue;
            }
            for (String pollutant : Model.POLLUTANTS) {
                Limit l = limit(permit, source.sourceId(), pollutant);
                double tonnes = 0;
                for (int i = 0; l != null && i < s.amsIntervals(); i++) {
                    for (Reading r : s.readings(source, i)) {
                        if (r.pollutant().equals(pollutant) && "VALID".equals(r.status())) {
                            double before = tonnes;
                            tonnes += EmissionMass.tonnes(r.concentrationMgNm3(), r.flowNm3PerHour(),
                                    r.intervalMinutes());
                            starts += before <= l.tonnesPerYear() && tonnes > l.tonnesPerYear() ? 1 : 0;
                        }
                    }
                }
            }
        }
        return starts;
    }

    private static double sum(Map<String, Double> truth, String prefix) {
        return truth.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static Map<String, Permit> permitsOf(Scenario s) {
        Map<String, Permit> permits = new HashMap<>();
        s.permits().forEach(p -> permits.put(p.facilityId(), p));
        return permits;
    }

    private static Limit limit(Permit permit, String sourceId, String pollutant) {
        return permit.limits().stream().filter(l -> l.sourceId().equals(sourceId) && l.pollutant().equals(pollutant))
                .findFirst().orElse(null);
    }

    private static FlowSurge surgeAt(Scenario s, AmsSource source, int interval) {
        return s.flowSurges().stream().filter(x -> x.facilityId().equals(source.facilityId())
                && x.sourceId().equals(source.sourceId()) && interval >= x.firstInterval()
                && interval < x.firstInterval() + x.intervals()).findFirst().orElse(null);
    }
}
