package kz.taza.simulator.truth;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import kz.taza.events.common.KpiGranularity;
import kz.taza.schemas.KpiKeys;
import kz.taza.simulator.scenario.Calibration;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Episode;
import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Model.Fate;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Model.Plan;
import kz.taza.simulator.scenario.Model.Planting;
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
 * <li>{@code emissions.measured.tonnes} and {@code emissions.exceedances.count} (MONTH and YEAR, by NATIONAL,
 * POLLUTANT, REGION) and {@code ams.sources.transmitting} (DAY and MONTH, NATIONAL and REGION) of the replayed AMS
 * readings;</li>
 * <li>{@code permits.active.count} (NATIONAL and PERMIT_TYPE) and {@code permits.kep_coverage_pct} (CATEGORY:I,
 * GROUP:TOP50_CAT1) for the year the permits were issued in (the permit KPIs count in the year of the change);</li>
 * <li>the forest KPIs: trees planted per year and for the programme, progress, plan fulfilment, survival by survey
 * year, saxaul hectares on the Aral seabed, NATIONAL and per region.</li>
 * </ul>
 * Values the services derive from wall-clock or stream-time (data availability, monitoring gaps) are left out.
 */
public final class GroundTruth {

    /** Relative difference within which a KPI value matches (sums are added in a different order). */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** Absolute difference within which a KPI value matches (percentages are rounded to 0.01). */
    public static final double ABSOLUTE_TOLERANCE = 0.011;

    private static final String PROGRAMME = KpiKeys.period(KpiGranularity.PROGRAMME, LocalDate.of(2021, 1, 1));

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
            truth.put(key("emissions.reported.tonnes", e.getKey(), year(2023)), t[0]);
            truth.put(key("emissions.reported.tonnes", e.getKey(), year(2024)), t[1]);
            Double change = Calibration.changePct(t[0], t[1]);
            if (change != null) {
                truth.put(key("emissions.reported.change_pct", e.getKey(), year(2024)), change);
            }
        }
    }

    // ------------------------------------------------------------------ permits

    private static void permits(Scenario scenario, int permitYear, Map<String, Double> truth) {
        String period = year(permitYear);
        Map<String, Integer> activeByType = new TreeMap<>();
        Set<String> issuedTypes = new HashSet<>();
        Set<String> withActiveKep = new HashSet<>();
        int active = 0;
        for (Permit p : scenario.permits()) {
            issuedTypes.add(p.type());
            if (p.fate() == Fate.ACTIVE) {
                active++;
                activeByType.merge(p.type(), 1, Integer::sum);
                if ("KEP".equals(p.type())) {
                    withActiveKep.add(p.facilityId());
                }
            }
        }
        truth.put(key("permits.active.count", "NATIONAL", period), (double) active);
        for (String type : issuedTypes) {
            truth.put(key("permits.active.count", "PERMIT_TYPE:" + type, period),
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
        truth.put(key("permits.kep_coverage_pct", "CATEGORY:I", period), pct(cat1Covered, cat1));
        if (top > 0) {
            truth.put(key("permits.kep_coverage_pct", "GROUP:TOP50_CAT1", period), pct(topCovered, top));
        }
    }

    // ------------------------------------------------------------------ forest

    private static void forest(Scenario scenario, Map<String, Double> truth) {
        Map<String, Double> planted = new HashMap<>();
        Map<String, Double> aral = new HashMap<>();
        Map<String, Planting> plantings = new HashMap<>();
        for (Planting p : scenario.plantings()) {
            plantings.put(p.plantingId(), p);
            String year = year(p.plantedOn().getYear());
            for (String scope : List.of("NATIONAL", "REGION:" + p.regionCode())) {
                planted.merge(scope + "|" + year, (double) p.treeCount(), Double::sum);
                planted.merge(scope + "|" + PROGRAMME, (double) p.treeCount(), Double::sum);
                if (p.aralSeabed()) {
                    aral.merge(scope + "|" + year, p.hectares(), Double::sum);
                    aral.merge(scope + "|" + PROGRAMME, p.hectares(), Double::sum);
                }
            }
        }
        planted.forEach((scopePeriod, trees) -> truth.put("trees.planted.count|" + scopePeriod, trees));
        truth.put("trees.planted.progress_pct|NATIONAL|" + PROGRAMME,
                pct(planted.get("NATIONAL|" + PROGRAMME), 2_000_000_000d));
        aral.forEach((scopePeriod, ha) -> truth.put("aral.saxaul_hectares|" + scopePeriod,
                Math.round(ha * 100.0) / 100.0));

        Map<String, Double> planned = new HashMap<>();
        for (Plan plan : scenario.plans()) {
            String year = year(plan.year());
            planned.merge("NATIONAL|" + year, (double) plan.trees(), Double::sum);
            planned.merge("REGION:" + plan.regionCode() + "|" + year, (double) plan.trees(), Double::sum);
        }
        planned.forEach((scopePeriod, trees) -> truth.put("trees.plan_fulfilment_pct|" + scopePeriod,
                pct(planted.getOrDefault(scopePeriod, 0.0), trees)));

        Map<String, double[]> survival = new HashMap<>();
        for (Survey s : scenario.surveys()) {
            Planting p = plantings.get(s.plantingId());
            String kpi = "trees.survival_rate_pct.year" + s.surveyYear();
            for (String scope : List.of("NATIONAL", "REGION:" + p.regionCode())) {
                for (String period : List.of(year(p.plantedOn().getYear()), PROGRAMME)) {
                    double[] counts = survival.computeIfAbsent(kpi + "|" + scope + "|" + period, k -> new double[2]);
                    counts[0] += s.alive();
                    counts[1] += s.alive() + s.dead();
                }
            }
        }
        survival.forEach((k, c) -> truth.put(k, pct(c[0], c[1])));
    }

    // ------------------------------------------------------------------ AMS

    private static void ams(Scenario scenario, Map<String, Double> truth) {
        Map<String, Double> measured = new HashMap<>();
        Map<String, Set<String>> transmitting = new HashMap<>();
        for (AmsSource source : scenario.amsSources()) {
            for (int i = 0; i < scenario.amsIntervals(); i++) {
                for (Reading r : scenario.readings(source, i)) {
                    if (!"VALID".equals(r.status())) {
                        continue;
                    }
                    LocalDate day = scenario.dayOf(i);
                    double tonnes = r.concentrationMgNm3() * r.flowNm3PerHour() * (r.intervalMinutes() / 60.0) / 1e9;
                    for (String scope : List.of("NATIONAL", "POLLUTANT:" + r.pollutant(),
                            "REGION:" + source.regionCode())) {
                        measured.merge(scope + "|" + month(day), tonnes, Double::sum);
                        measured.merge(scope + "|" + year(day.getYear()), tonnes, Double::sum);
                    }
                    String sourceKey = source.facilityId() + "/" + source.sourceId();
                    for (String scope : List.of("NATIONAL", "REGION:" + source.regionCode())) {
                        transmitting.computeIfAbsent(scope + "|" + KpiKeys.period(KpiGranularity.DAY, day),
                                k -> new HashSet<>()).add(sourceKey);
                        transmitting.computeIfAbsent(scope + "|" + month(day), k -> new HashSet<>()).add(sourceKey);
                    }
                }
            }
        }
        measured.forEach((k, t) -> truth.put("emissions.measured.tonnes|" + k, t));
        transmitting.forEach((k, s) -> truth.put("ams.sources.transmitting|" + k, (double) s.size()));
        Map<String, String> regionOf = new HashMap<>();
        scenario.facilities().forEach(f -> regionOf.put(f.facilityId(), f.regionCode()));
        for (Episode e : scenario.episodes()) {
            LocalDate day = scenario.dayOf(e.firstInterval());
            for (String scope : List.of("NATIONAL", "POLLUTANT:" + e.pollutant(),
                    "REGION:" + regionOf.get(e.facilityId()))) {
                truth.merge("emissions.exceedances.count|" + scope + "|" + month(day), 1.0, Double::sum);
                truth.merge("emissions.exceedances.count|" + scope + "|" + year(day.getYear()), 1.0, Double::sum);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String key(String kpi, String scope, String period) {
        return kpi + '|' + scope + '|' + period;
    }

    private static String year(int year) {
        return KpiKeys.period(KpiGranularity.YEAR, LocalDate.of(year, 1, 1));
    }

    private static String month(LocalDate day) {
        return KpiKeys.period(KpiGranularity.MONTH, day.withDayOfMonth(1));
    }

    private static double pct(double part, double whole) {
        return whole == 0 ? 0.0 : Math.round(part / whole * 10_000.0) / 100.0;
    }
}
