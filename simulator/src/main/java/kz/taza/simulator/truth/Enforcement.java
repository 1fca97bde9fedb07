package kz.taza.simulator.truth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.truth.ServiceEpisodes.Found;

/**
 * What the published enforcement rules (inspection-service: a 30-day window per facility; the first episode in it gets
 * a compliance notice; three in it, or one at twice the limit, an unscheduled inspection, at most one open at a time)
 * make of the exceedance episodes the service finds in the scenario's readings, of every kind of limit
 * ({@link ServiceEpisodes}: the concentration's, and the mass rate's and annual mass's, whose ratio is the mass figure
 * over its limit), and what the officers then do: complete each unscheduled inspection
 * with one violation of Art. 328(1), impose a fine of {@link #FINE_MCI} MCI for it (tenge at the MCI of the offence's
 * year), and the operator pays the first facility's fine in full. A facility whose episodes called for no inspection
 * is fined all the same, without one: {@link #FINE_MCI} MCI under art. 328(1) on its first noticed episode (ground
 * AMS_EXCEEDANCE), unpaid; so, as in practice, most fines follow no inspection.
 */
public final class Enforcement {

    public static final Duration WINDOW = Duration.ofDays(30);
    public static final int REPEATED = 3;
    public static final double SEVERE_RATIO = 2.0;
    /** Art. 328(1) for a large business, in MCI (a plausible amount; the formula is per case). */
    public static final long FINE_MCI = 100;
    /** MCI in tenge by year. */
    public static final Map<Integer, Long> MCI_KZT = Map.of(2024, 3_692L, 2025, 3_932L, 2026, 4_325L);

    /** Per facility: notices and unscheduled inspections expected, and the first episode's day (the offence). */
    public record Expected(String facilityId, int notices, int unscheduled, LocalDate offenceDate) {
    }

    private Enforcement() {
    }

    /**
     * Per facility with episodes, in facility order. The episodes are taken in the order the service records them
     * ({@link ServiceEpisodes#of}): an episode's window holds those recorded before it that started in the 30 days up
     * to its start, and itself (one starting in the same interval but recorded after it is not in it yet); towards
     * the repeated threshold, episodes of different limits that start at the same interval of a source and pollutant
     * count once.
     */
    public static List<Expected> expected(Scenario scenario) {
        Map<String, List<Found>> byFacility = new TreeMap<>();
        ServiceEpisodes.of(scenario).forEach(e -> byFacility.computeIfAbsent(e.facilityId(),
                k -> new ArrayList<>()).add(e));
        List<Expected> out = new ArrayList<>();
        byFacility.forEach((facility, episodes) -> {
            int notices = 0;
            int unscheduled = 0;
            for (int k = 0; k < episodes.size(); k++) {
                Found e = episodes.get(k);
                Instant start = e.startedAt();
                List<Found> inWindow = episodes.subList(0, k + 1).stream()
                        .filter(x -> x.startedAt().isAfter(start.minus(WINDOW)) && !x.startedAt().isAfter(start))
                        .toList();
                if (inWindow.size() == 1) {
                    notices++;
                }
                // Episodes of different limits starting at the same interval of a source and pollutant are one
                // exceedance towards the repeated threshold.
                long distinct = inWindow.stream().map(x -> x.sourceId() + "|" + x.pollutant() + "|" + x.startedAt())
                        .distinct().count();
                // The replay sends all readings before officers act: at most one unscheduled inspection is open.
                if ((distinct >= REPEATED || e.ratio() >= SEVERE_RATIO) && unscheduled == 0) {
                    unscheduled++;
                }
            }
            out.add(new Expected(facility, notices, unscheduled, scenario.dayOf(episodes.get(0).firstInterval())));
        });
        return out;
    }

    /**
     * The compliance KPIs once the officers have acted on {@code today}: inspections completed, violations, fines
     * imposed (tenge, count, and those without an inspection) and collected, collection rate, NATIONAL and per region,
     * for today's MONTH and YEAR.
     */
    public static Map<String, Double> kpis(Scenario scenario, LocalDate today) {
        Map<String, String> regionOf = new TreeMap<>();
        scenario.facilities().forEach(f -> regionOf.put(f.facilityId(), f.regionCode()));
        Map<String, double[]> totals = new TreeMap<>();
        boolean first = true;
        for (Expected e : expected(scenario)) {
            boolean inspected = e.unscheduled() > 0;
            long fineKzt = FINE_MCI * MCI_KZT.get(e.offenceDate().getYear());
            long paid = inspected && first ? fineKzt : 0;
            first &= !inspected;
            for (String scope : List.of("NATIONAL", "REGION:" + regionOf.get(e.facilityId()))) {
                double[] t = totals.computeIfAbsent(scope, k -> new double[6]);
                t[0] += inspected ? 1 : 0;
                t[1] += inspected ? 1 : 0;
                t[2] += fineKzt;
                t[3] += paid;
                t[4] += 1;
                t[5] += inspected ? 0 : 1;
            }
        }
        Map<String, Double> out = new TreeMap<>();
        for (KpiGranularity g : List.of(KpiGranularity.MONTH, KpiGranularity.YEAR)) {
            KpiPeriod period = KpiPeriods.containing(g, today);
            totals.forEach((scope, t) -> {
                out.put(GroundTruth.key(InspectionKpis.INSPECTIONS_COMPLETED, scope, period), t[0]);
                out.put(GroundTruth.key(InspectionKpis.VIOLATIONS, scope, period), t[1]);
                out.put(GroundTruth.key(InspectionKpis.FINES_IMPOSED, scope, period), t[2]);
                out.put(GroundTruth.key(InspectionKpis.FINES_COLLECTED, scope, period), t[3]);
                out.put(GroundTruth.key(InspectionKpis.FINES_COUNT, scope, period), t[4]);
                out.put(GroundTruth.key(InspectionKpis.FINES_WITHOUT_INSPECTION, scope, period), t[5]);
                out.put(GroundTruth.key(InspectionKpis.COLLECTION_RATE, scope, period),
                        Math.round(t[3] / t[2] * 10_000.0) / 100.0);
            });
        }
        return out;
    }
}
