package kz.taza.simulator.truth;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import kz.taza.contracts.emission.EmissionFeeRates;
import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.emission.StatisticsBureau;
import kz.taza.contracts.forest.ForestFund;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.permit.PermitKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiKey;
import kz.taza.schemas.KpiScopes;
import kz.taza.simulator.scenario.Calibration;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Model.Fate;
import kz.taza.simulator.scenario.Model.Limit;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Model.Plan;
import kz.taza.simulator.scenario.Model.Planting;
import kz.taza.simulator.scenario.Model.DetectionSystem;
import kz.taza.simulator.scenario.Model.Fire;
import kz.taza.simulator.scenario.Model.MaterialLot;
import kz.taza.simulator.scenario.Model.Report;
import kz.taza.simulator.scenario.Model.Survey;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.Scenario.Reading;

/**
 * The KPI values a replay of a scenario must produce on {@code kpi.values.v1}, computed from the scenario alone, keyed
 * like the topic ({@code kpiId|scope|GRANULARITY:start}). Only values that follow exactly from the input are here:
 * <ul>
 * <li>{@code emissions.reported.tonnes} (2023, 2024) and {@code emissions.reported.change_pct} (2024): the latest
 * version of each facility/year/pollutant report, by NATIONAL, POLLUTANT, REGION, SECTOR, CATEGORY and
 * GROUP:TOP50_CAT1;</li>
 * <li>{@code emissions.fees.due_kzt} and {@code emissions.fees.kep_redirected_kzt} (2023, 2024; NATIONAL and REGION)
 * of the same reports;</li>
 * <li>{@code emissions.measured.tonnes}, {@code emissions.exceedances.count} and the mass limits' episode counts
 * ({@code emissions.exceedances.mass_rate.count}, {@code emissions.exceedances.annual_mass.count}), all computed from
 * the readings ({@link ServiceEpisodes}) (MONTH and YEAR, by NATIONAL, POLLUTANT, REGION),
 * {@code ams.sources.transmitting} and {@code ams.enterprises.connected.count} (the enterprises with a source
 * transmitting; DAY and MONTH, NATIONAL and REGION) of the replayed AMS readings;</li>
 * <li>{@code permits.active.count} (NATIONAL and PERMIT_TYPE) and {@code permits.kep_coverage_pct} (CATEGORY:I,
 * GROUP:TOP50_CAT1) for the year the permits were issued in (the permit KPIs count in the year of the change);</li>
 * <li>the fire KPIs (fires and hectares burned per year) and the early-detection coverage (hectares, share of the
 * forest fund);</li>
 * <li>the planting-material KPIs (seedlings and seed prepared for a planting year, and the plan's coverage by the
 * seedlings);</li>
 * <li>the forest KPIs: trees planted per year and for the programme, progress, plan fulfilment, survival by survey
 * year, saxaul hectares on the Aral seabed, NATIONAL and per region.</li>
 * </ul>
 * Values the services derive from wall-clock or stream-time (data availability, monitoring gaps, and the registry's
 * AMS counts filed under the wall-clock day and month of the recount: {@code ams.sources.obliged_not_installed},
 * {@code ams.enterprises.obliged.count}, {@code ams.enterprises.installed.count}) are left out; the end-to-end test
 * checks that every KPI of the catalogue is published.
 */
public final class GroundTruth {

    /** Relative difference within which a KPI value matches (sums are added in a different order). */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** Absolute difference within which a KPI value matches (percentages are rounded to 0.01). */
    public static final double ABSOLUTE_TOLERANCE = 0.011;

    private GroundTruth() {
    }

    /** Whether an observed value matches an expected one. */
    public static boolean matches(double expected, double observed) {
        double diff = Math.abs(expected - observed);
        return diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * Math.abs(expected);
    }

    /**
     * Everything the scenario determines. {@code permitYear} is the year (Kazakhstan time) in which the permits were
     * issued; {@code withAms} whether the AMS readings were replayed.
     */
    public static Map<String, Double> of(Scenario scenario, int permitYear, boolean withAms) {
        Map<String, Double> truth = new TreeMap<>();
        reported(scenario, truth);
        fees(scenario, truth);
        permits(scenario, permitYear, truth);
        forest(scenario, truth);
        if (withAms) {
            ams(scenario, truth);
        }
        return truth;
    }

    // ------------------------------------------------------------------ reported emissions

    /** Reported tonnes per scope and year (latest version of each report). */
    public static Map<String, double[]> reportedTonnes(Scenario scenario) {
        Map<String, Facility> facilities = scenario.facilitiesById();
        Map<String, double[]> byScope = new TreeMap<>();
        for (Report r : scenario.reports()) {
            Facility f = facilities.get(r.facilityId());
            int y = r.year() - 2023;
            for (String scope : reportScopes(f, r.pollutant())) {
                byScope.computeIfAbsent(scope, s -> new double[2])[y] += r.tonnes();
            }
        }
        return byScope;
    }

    static List<String> reportScopes(Facility f, String pollutant) {
        List<String> scopes = new java.util.ArrayList<>(List.of("NATIONAL", "POLLUTANT:" + pollutant,
                "REGION:" + f.regionCode(), "SECTOR:" + f.sector(), "CATEGORY:" + f.category()));
        if (f.top50Cat1()) {
            scopes.add("GROUP:TOP50_CAT1");
        }
        return scopes;
    }

    private static void reported(Scenario scenario, Map<String, Double> truth) {
        for (Map.Entry<String, double[]> e : reportedTonnes(scenario).entrySet()) {
            double[] t = e.getValue();
            truth.put(key(EmissionKpis.REPORTED_TONNES, e.getKey(), KpiPeriods.year(2023)), t[0]);
            truth.put(key(EmissionKpis.REPORTED_TONNES, e.getKey(), KpiPeriods.year(2024)), t[1]);
            Double change = Calibration.changePct(t[0], t[1]);
            if (change != null) {
                truth.put(key(EmissionKpis.REPORTED_CHANGE_PCT, e.getKey(), KpiPeriods.year(2024)), change);
            }
        }
    }

    // ------------------------------------------------------------------ emission fees

    /**
     * Fees due per year (NATIONAL and REGION) of the latest version of each report: tonnes × the rate of its
     * pollutant × the MCI of its year ({@link EmissionFeeRates#defaults}, the service's defaults), summed here in
     * doubles; and the part of facilities whose KEP (ACTIVE or SUSPENDED: never revoked) is valid on a day of the
     * year, published only for the years and scopes that have such a part.
     */
    private static void fees(Scenario scenario, Map<String, Double> truth) {
        EmissionFeeRates rates = EmissionFeeRates.defaults();
        Map<String, Facility> facilities = scenario.facilitiesById();
        Map<String, Permit> keps = new HashMap<>();
        for (Permit p : scenario.permits()) {
            if ("KEP".equals(p.type()) && p.fate() != Fate.REVOKED) {
                keps.put(p.facilityId(), p);
            }
        }
        Map<String, Double> due = new TreeMap<>();
        Map<String, Double> redirected = new TreeMap<>();
        for (Report r : scenario.reports()) {
            kz.taza.events.common.Pollutant pollutant = kz.taza.events.common.Pollutant.valueOf(r.pollutant());
            if (!rates.charged(pollutant, r.year())) {
                continue;
            }
            double fee = r.tonnes() * rates.rate(pollutant).orElseThrow().doubleValue()
                    * rates.mci(r.year()).orElseThrow();
            Permit kep = keps.get(r.facilityId());
            boolean redirects = kep != null && !kep.validFrom().isAfter(LocalDate.of(r.year(), 12, 31))
                    && !kep.validTo().isBefore(LocalDate.of(r.year(), 1, 1));
            KpiPeriod year = KpiPeriods.year(r.year());
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + facilities.get(r.facilityId()).regionCode())) {
                due.merge(key(EmissionKpis.FEES_DUE_KZT, scope, year), fee, Double::sum);
                if (redirects) {
                    redirected.merge(key(EmissionKpis.FEES_KEP_REDIRECTED_KZT, scope, year), fee, Double::sum);
                }
            }
        }
        truth.putAll(due);
        truth.putAll(redirected);
    }

    // ------------------------------------------------------------------ permits

    private static void permits(Scenario scenario, int permitYear, Map<String, Double> truth) {
        KpiPeriod period = KpiPeriods.year(permitYear);
        Map<String, Integer> activeByType = new TreeMap<>();
        Set<String> issuedTypes = new HashSet<>();
        Set<String> withActiveKep = new HashSet<>();
        int active = 0;
        for (Permit p : scenario.permits()) {
            if (!p.issuableOn(LocalDate.of(permitYear, 1, 1))) {
                continue; // a transitional permit that ended before the year (they end on a year's last day)
            }
            issuedTypes.add(p.type());
            if (p.fate() == Fate.ACTIVE) {
                active++;
                activeByType.merge(p.type(), 1, Integer::sum);
                if ("KEP".equals(p.type())) {
                    withActiveKep.add(p.facilityId());
                }
            }
        }
        truth.put(key(PermitKpis.ACTIVE_COUNT, KpiScopes.NATIONAL, period), (double) active);
        permitted(scenario, permitYear, period, truth);
        for (String type : issuedTypes) {
            truth.put(key(PermitKpis.ACTIVE_COUNT, "PERMIT_TYPE:" + type, period),
                    (double) activeByType.getOrDefault(type, 0));
        }
        int cat1 = 0;
        int cat1Covered = 0;
        int top = 0;
        int topCovered = 0;
        for (Facility f : scenario.facilities()) {
            if (!"I".equals(f.category())) {
                continue;
            }
            boolean covered = withActiveKep.contains(f.facilityId());
            cat1++;
            cat1Covered += covered ? 1 : 0;
            if (f.top50()) {
                top++;
                topCovered += covered ? 1 : 0;
            }
        }
        truth.put(key(PermitKpis.KEP_COVERAGE, KpiScopes.category("I"), period), pct(cat1Covered, cat1));
        if (top > 0) {
            truth.put(key(PermitKpis.KEP_COVERAGE, KpiScopes.TOP50_CAT1, period), pct(topCovered, top));
        }
    }

    /**
     * The permitted series: the t/yr limits of the permits in force at the end of the replay (fate ACTIVE), summed in
     * whole grams per scope; a scope of a permit issued and then suspended or revoked stays, at what is left in it.
     */
    private static void permitted(Scenario scenario, int permitYear, KpiPeriod period, Map<String, Double> truth) {
        Map<String, String> regionOf = new HashMap<>();
        scenario.facilities().forEach(f -> regionOf.put(f.facilityId(), f.regionCode()));
        Map<String, Long> grams = new TreeMap<>();
        for (Permit p : scenario.permits()) {
            if (!p.issuableOn(LocalDate.of(permitYear, 1, 1))) {
                continue;
            }
            for (Limit l : p.limits()) {
                long g = p.fate() == Fate.ACTIVE ? Micros.of(l.tonnesPerYear()) : 0;
                for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + regionOf.get(p.facilityId()),
                        "POLLUTANT:" + l.pollutant())) {
                    grams.merge(scope, g, Micros::plus);
                }
            }
        }
        grams.forEach((scope, g) -> truth.put(key(PermitKpis.PERMITTED_TONNES, scope, period), Micros.toDouble(g)));
    }

    // ------------------------------------------------------------------ forest

    private static void forest(Scenario scenario, Map<String, Double> truth) {
        Map<KpiKey, Double> planted = new HashMap<>();
        Map<KpiKey, Double> aral = new HashMap<>();
        Map<String, Planting> plantings = new HashMap<>();
        for (Planting p : scenario.plantings()) {
            plantings.put(p.plantingId(), p);
            KpiPeriod year = KpiPeriods.year(p.plantedOn().getYear());
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + p.regionCode())) {
                for (KpiPeriod period : List.of(year, ForestKpis.PROGRAMME)) {
                    planted.merge(kpiKey(ForestKpis.PLANTED, scope, period), (double) p.treeCount(), Double::sum);
                    if (p.aralSeabed()) {
                        aral.merge(kpiKey(ForestKpis.ARAL_HECTARES, scope, period), p.hectares(), Double::sum);
                    }
                }
            }
        }
        planted.forEach((key, trees) -> truth.put(key.text(), trees));
        truth.put(key(ForestKpis.PROGRESS, KpiScopes.NATIONAL, ForestKpis.PROGRAMME),
                pct(planted.get(kpiKey(ForestKpis.PLANTED, KpiScopes.NATIONAL, ForestKpis.PROGRAMME)),
                        ForestKpis.TREES_TARGET));
        aral.forEach((key, ha) -> truth.put(key.text(), Math.round(ha * 100.0) / 100.0));

        Map<KpiKey, Double> planned = new HashMap<>();
        for (Plan plan : scenario.plans()) {
            KpiPeriod year = KpiPeriods.year(plan.year());
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + plan.regionCode())) {
                planned.merge(kpiKey(ForestKpis.PLAN_FULFILMENT, scope, year), (double) plan.trees(), Double::sum);
            }
        }
        planned.forEach((key, trees) -> truth.put(key.text(), pct(planted.getOrDefault(
                kpiKey(ForestKpis.PLANTED, key.scope(), key.period()), 0.0), trees)));

        Map<KpiKey, double[]> survival = new HashMap<>();
        for (Survey s : scenario.surveys()) {
            Planting p = plantings.get(s.plantingId());
            KpiDefinition kpi = ForestKpis.survival(s.surveyYear());
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + p.regionCode())) {
                for (KpiPeriod period : List.of(KpiPeriods.year(p.plantedOn().getYear()), ForestKpis.PROGRAMME)) {
                    double[] counts = survival.computeIfAbsent(kpiKey(kpi, scope, period), k -> new double[2]);
                    counts[0] += s.alive();
                    counts[1] += s.alive() + s.dead();
                }
            }
        }
        survival.forEach((key, c) -> truth.put(key.text(), pct(c[0], c[1])));
        fires(scenario, truth);
        plantingMaterial(scenario, truth);
    }

    /**
     * The planting-material KPIs: seedlings and saplings, and seed in tonnes (to the kilogram), prepared for each
     * planting year, with each lot's final quantity (the corrected one where it was corrected); and the seedlings as a
     * share of the trees planned for the year, for every region and year with a plan (and NATIONAL, over the sum of
     * the plans), 0 where nothing was prepared.
     */
    private static void plantingMaterial(Scenario scenario, Map<String, Double> truth) {
        Map<KpiKey, Double> seedlings = new HashMap<>();
        Map<KpiKey, Double> kilograms = new HashMap<>();
        for (MaterialLot lot : scenario.materialLots()) {
            KpiPeriod year = KpiPeriods.year(lot.plantingYear());
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + lot.regionCode())) {
                if (lot.pieces()) {
                    seedlings.merge(kpiKey(ForestKpis.MATERIAL_SEEDLINGS, scope, year), lot.finalQuantity(),
                            Double::sum);
                } else {
                    kilograms.merge(kpiKey(ForestKpis.MATERIAL_SEEDS, scope, year), lot.finalQuantity(),
                            Double::sum);
                }
            }
        }
        seedlings.forEach((key, pieces) -> truth.put(key.text(), pieces));
        kilograms.forEach((key, kg) -> truth.put(key.text(), Math.round(kg) / 1000.0));
        Map<KpiKey, Double> planned = new HashMap<>();
        for (Plan plan : scenario.plans()) {
            KpiPeriod year = KpiPeriods.year(plan.year());
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + plan.regionCode())) {
                planned.merge(kpiKey(ForestKpis.MATERIAL_PLAN_COVERAGE, scope, year), (double) plan.trees(),
                        Double::sum);
            }
        }
        planned.forEach((key, trees) -> truth.put(key.text(), pct(seedlings.getOrDefault(
                kpiKey(ForestKpis.MATERIAL_SEEDLINGS, key.scope(), key.period()), 0.0), trees)));
    }

    /**
     * The fire and early-detection KPIs: fires and the final hectares burned (the latest extinguishment of each fire,
     * i.e. the corrected area where one was corrected) by the year of the report; hectares watched by the systems
     * installed per year and by all of them (PROGRAMME), and that as a share of the forest fund where
     * {@link ForestFund#defaults()} knows its area (the service's default reference data).
     */
    private static void fires(Scenario scenario, Map<String, Double> truth) {
        Map<KpiKey, Double> hectares = new HashMap<>();
        for (Fire f : scenario.fires()) {
            KpiPeriod year = KpiPeriods.year(f.reportedOn().getYear());
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + f.regionCode())) {
                truth.merge(key(ForestKpis.FIRES, scope, year), 1.0, Double::sum);
                hectares.merge(kpiKey(ForestKpis.FIRE_HECTARES, scope, year), f.hectaresBurned(), Double::sum);
            }
        }
        hectares.forEach((key, ha) -> truth.put(key.text(), Math.round(ha * 100.0) / 100.0));
        Map<KpiKey, Double> covered = new HashMap<>();
        for (DetectionSystem d : scenario.detectionSystems()) {
            for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + d.regionCode())) {
                for (KpiPeriod period : List.of(KpiPeriods.year(d.installedOn().getYear()), ForestKpis.PROGRAMME)) {
                    covered.merge(kpiKey(ForestKpis.DETECTION_HECTARES, scope, period), d.coveredHectares(),
                            Double::sum);
                }
            }
        }
        ForestFund fund = ForestFund.defaults();
        covered.forEach((key, ha) -> {
            double rounded = Math.round(ha * 100.0) / 100.0;
            truth.put(key.text(), rounded);
            if (key.period().getGranularity() == KpiGranularity.PROGRAMME) {
                fund.hectares(key.scope()).ifPresent(area -> truth.put(
                        key(ForestKpis.DETECTION_COVERAGE, key.scope(), key.period()), pct(rounded, area)));
            }
        });
    }

    // ------------------------------------------------------------------ AMS

    private static void ams(Scenario scenario, Map<String, Double> truth) {
        Map<KpiKey, Double> measured = new HashMap<>();
        Map<KpiKey, Set<String>> transmitting = new HashMap<>();
        Map<KpiKey, Set<String>> connected = new HashMap<>();
        Map<String, String> operatorOf = new HashMap<>();
        scenario.facilities().forEach(f -> operatorOf.put(f.facilityId(), f.operatorBin()));
        for (AmsSource source : scenario.amsSources()) {
            for (int i = 0; i < scenario.amsIntervals(); i++) {
                for (Reading r : scenario.readings(source, i)) {
                    if (!"VALID".equals(r.status())) {
                        continue;
                    }
                    LocalDate day = scenario.dayOf(i);
                    double tonnes = r.concentrationMgNm3() * r.flowNm3PerHour() * (r.intervalMinutes() / 60.0) / 1e9;
                    for (String scope : List.of(KpiScopes.NATIONAL, "POLLUTANT:" + r.pollutant(),
                            "REGION:" + source.regionCode())) {
                        for (KpiPeriod period : List.of(month(day), KpiPeriods.year(day.getYear()))) {
                            measured.merge(kpiKey(EmissionKpis.MEASURED_TONNES, scope, period), tonnes,
                                    Double::sum);
                        }
                    }
                    String sourceKey = source.facilityId() + "/" + source.sourceId();
                    for (String scope : List.of(KpiScopes.NATIONAL, "REGION:" + source.regionCode())) {
                        for (KpiPeriod period : List.of(KpiPeriods.containing(KpiGranularity.DAY, day), month(day))) {
                            transmitting.computeIfAbsent(kpiKey(EmissionKpis.SOURCES_TRANSMITTING, scope, period),
                                    k -> new HashSet<>()).add(sourceKey);
                            // an enterprise is connected in the period when one of its AMS sources transmits
                            connected.computeIfAbsent(kpiKey(EmissionKpis.ENTERPRISES_CONNECTED, scope, period),
                                    k -> new HashSet<>()).add(operatorOf.get(source.facilityId()));
                        }
                    }
                }
            }
        }
        measured.forEach((key, t) -> truth.put(key.text(), t));
        transmitting.forEach((key, sources) -> truth.put(key.text(), (double) sources.size()));
        connected.forEach((key, enterprises) -> truth.put(key.text(), (double) enterprises.size()));
        exceedances(scenario, truth);
        // the statistics bureau's figures: reference data, published as they are, whatever the scenario
        for (StatisticsBureau.Figure figure : StatisticsBureau.FIGURES) {
            truth.put(key(EmissionKpis.STATISTICS_TONNES, figure.scope(), KpiPeriods.year(figure.year())),
                    figure.tonnes());
        }
    }

    /**
     * The exceedance episodes of every kind of limit, as the service finds them in the readings
     * ({@link ServiceEpisodes}, the computation the enforcement reads too): the concentration's in
     * {@code emissions.exceedances.count}, the mass rate's in {@code emissions.exceedances.mass_rate.count}, the
     * annual mass's in {@code emissions.exceedances.annual_mass.count}, each start in its month and year (Kazakhstan
     * time), by NATIONAL, POLLUTANT and REGION. The scenario plans them: its concentration episodes, its flow surges
     * (mass rate) and one source's t/yr limit below the tonnes its readings add up to (annual mass).
     */
    private static void exceedances(Scenario scenario, Map<String, Double> truth) {
        Map<String, String> regionOf = new HashMap<>();
        scenario.facilities().forEach(f -> regionOf.put(f.facilityId(), f.regionCode()));
        for (ServiceEpisodes.Found e : ServiceEpisodes.of(scenario)) {
            KpiDefinition kpi = switch (e.kind()) {
                case CONCENTRATION -> EmissionKpis.EXCEEDANCES_COUNT;
                case MASS_RATE -> EmissionKpis.EXCEEDANCES_MASS_RATE_COUNT;
                case ANNUAL_MASS -> EmissionKpis.EXCEEDANCES_ANNUAL_MASS_COUNT;
                default -> throw new IllegalStateException("no KPI of " + e.kind());
            };
            LocalDate day = scenario.dayOf(e.firstInterval());
            for (String scope : List.of(KpiScopes.NATIONAL, "POLLUTANT:" + e.pollutant(),
                    "REGION:" + regionOf.get(e.facilityId()))) {
                for (KpiPeriod period : List.of(month(day), KpiPeriods.year(day.getYear()))) {
                    truth.merge(key(kpi, scope, period), 1.0, Double::sum);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The topic key of a KPI value the scenario determines. A scope or granularity the KPI's definition does not
     * declare is refused: the ground truth expects only what the catalogue says is published.
     */
    static String key(KpiDefinition kpi, String scope, KpiPeriod period) {
        return kpiKey(kpi, scope, period).text();
    }

    private static KpiKey kpiKey(KpiDefinition kpi, String scope, KpiPeriod period) {
        if (!kpi.declaresScope(scope) || !kpi.declaresGranularity(period.getGranularity())) {
            throw new IllegalArgumentException("the catalogue does not publish " + kpi.id() + " for " + scope
                    + " at " + period.getGranularity());
        }
        return new KpiKey(kpi.id(), scope, period);
    }

    private static KpiPeriod month(LocalDate day) {
        return KpiPeriods.containing(KpiGranularity.MONTH, day);
    }

    private static double pct(double part, double whole) {
        return whole == 0 ? 0.0 : Math.round(part / whole * 10_000.0) / 100.0;
    }
}
