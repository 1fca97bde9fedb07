package kz.taza.forest.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.forest.domain.Programme;
import kz.taza.platform.kpi.Kpi;
import kz.taza.schemas.KpiScopes;

/**
 * The forest KPIs and how each is read off a measure's totals.
 * <ul>
 * <li>{@code trees.planted.count}: trees planted, per YEAR and cumulative for the PROGRAMME (2021-01-01); the national
 * programme value carries the 2,000,000,000 target, and {@code trees.planted.progress_pct} says how far along it
 * is.</li>
 * <li>{@code trees.plan_fulfilment_pct}: trees planted / trees planned, per region and year and nationally (sum of
 * the regions' plans); target 100. Not published until a plan exists.</li>
 * <li>{@code trees.survival_rate_pct.year1} and {@code trees.survival_rate_pct.year3}: surveyed alive / surveyed
 * alive + dead, by survey year; the period is the year the surveyed trees were planted (their cohort), and PROGRAMME
 * for every cohort since 2021; target 65. The survey year is part of the KPI id, so each (kpiId, scope, period) has
 * one record and scopes stay the plain NATIONAL / REGION:code.</li>
 * <li>{@code aral.saxaul_hectares}: hectares planted on the dried Aral seabed, per YEAR and cumulative for the
 * PROGRAMME; the national programme value carries the 1,100,000 ha target.</li>
 * </ul>
 */
public final class ForestKpis {

    public static final String PLANTED_COUNT = "trees.planted.count";
    public static final String PROGRAMME_PROGRESS = "trees.planted.progress_pct";
    public static final String PLAN_FULFILMENT = "trees.plan_fulfilment_pct";
    public static final String SURVIVAL_YEAR_1 = "trees.survival_rate_pct.year1";
    public static final String SURVIVAL_YEAR_3 = "trees.survival_rate_pct.year3";
    public static final String ARAL_HECTARES = "aral.saxaul_hectares";

    private static final Kpi PLANTED = Kpi.of(PLANTED_COUNT, "count");
    private static final Kpi PLANTED_PROGRAMME = Kpi.withTarget(PLANTED_COUNT, "count", Programme.TREES_TARGET);
    private static final Kpi PROGRESS = Kpi.withTarget(PROGRAMME_PROGRESS, "pct", 100);
    private static final Kpi FULFILMENT = Kpi.withTarget(PLAN_FULFILMENT, "pct",
            Programme.PLAN_FULFILMENT_TARGET_PCT);
    private static final Kpi SURVIVAL_1 = Kpi.withTarget(SURVIVAL_YEAR_1, "pct", Programme.SURVIVAL_TARGET_PCT);
    private static final Kpi SURVIVAL_3 = Kpi.withTarget(SURVIVAL_YEAR_3, "pct", Programme.SURVIVAL_TARGET_PCT);
    private static final Kpi ARAL = Kpi.of(ARAL_HECTARES, "ha");
    private static final Kpi ARAL_PROGRAMME = Kpi.withTarget(ARAL_HECTARES, "ha", Programme.ARAL_HECTARES_TARGET);

    private ForestKpis() {
    }

    /** The KPI id of survival in a survey year (1 or 3). */
    public static String survivalKpiId(int surveyYear) {
        return switch (surveyYear) {
            case 1 -> SURVIVAL_YEAR_1;
            case 3 -> SURVIVAL_YEAR_3;
            default -> throw new IllegalArgumentException("survey year must be 1 or 3, got " + surveyYear);
        };
    }

    /** The KPI values a measure's current totals give; none while a rate has nothing to divide by. */
    static List<KpiValue> valuesOf(Measure measure, MeasureTotals totals, Instant computedAt) {
        List<KpiValue> values = new ArrayList<>();
        Instant dataAsOf = Instant.ofEpochMilli(Math.max(0, totals.dataAsOf()));
        boolean nationalProgramme = KpiScopes.NATIONAL.equals(measure.scope())
                && measure.period().getGranularity() == KpiGranularity.PROGRAMME;
        String scope = measure.scope();
        switch (measure.kind()) {
            case PLANTED -> {
                Kpi kpi = nationalProgramme ? PLANTED_PROGRAMME : PLANTED;
                values.add(kpi.value(scope, measure.period(), totals.numerator(), null, null, totals.facts(),
                        dataAsOf, computedAt));
                if (nationalProgramme) {
                    values.add(PROGRESS.value(scope, measure.period(), Programme.progressPct(totals.numerator()),
                            null, null, totals.facts(), dataAsOf, computedAt));
                }
            }
            case FULFILMENT -> rate(values, FULFILMENT, measure, totals, dataAsOf, computedAt);
            case SURVIVAL_1 -> rate(values, SURVIVAL_1, measure, totals, dataAsOf, computedAt);
            case SURVIVAL_3 -> rate(values, SURVIVAL_3, measure, totals, dataAsOf, computedAt);
            case ARAL_HECTARES -> {
                Kpi kpi = nationalProgramme ? ARAL_PROGRAMME : ARAL;
                double hectares = Math.round(totals.numerator() * 100.0) / 100.0;
                values.add(kpi.value(scope, measure.period(), hectares, null, null, totals.facts(), dataAsOf,
                        computedAt));
            }
            default -> throw new IllegalStateException("unhandled measure " + measure.kind());
        }
        return values;
    }

    private static void rate(List<KpiValue> values, Kpi kpi, Measure measure, MeasureTotals totals, Instant dataAsOf,
            Instant computedAt) {
        Double pct = Programme.percent(totals.numerator(), totals.denominator());
        if (pct != null) {
            values.add(kpi.value(measure.scope(), measure.period(), pct, null, null, totals.facts(), dataAsOf,
                    computedAt));
        }
    }
}
