package kz.taza.forest.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import kz.taza.contracts.forest.ForestFund;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.forest.domain.Programme;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.schemas.KpiScopes;

/**
 * How each forest KPI ({@link ForestKpis}) is read off a measure's totals.
 * <ul>
 * <li>{@code trees.planted.count}: trees planted, per YEAR and cumulative for the PROGRAMME (2021-01-01); the national
 * programme value carries the 2,000,000,000 target, and {@code trees.planted.progress_pct} says how far along it
 * is.</li>
 * <li>{@code trees.plan_fulfilment_pct}: trees planted / trees planned, per region and year and nationally (sum of
 * the regions' plans); target 100. Not published until a plan exists.</li>
 * <li>{@code trees.survival_rate_pct.year1} and {@code trees.survival_rate_pct.year3}: surveyed alive / surveyed
 * alive + dead, by survey year; the period is the year the surveyed trees were planted (their cohort), and PROGRAMME
 * for every cohort since 2021; target 65.</li>
 * <li>{@code aral.saxaul_hectares}: hectares planted on the dried Aral seabed, per YEAR and cumulative for the
 * PROGRAMME; the national programme value carries the 1,100,000 ha target.</li>
 * <li>{@code forest.fires.count} and {@code forest.fires.hectares_burned}: fires reported per YEAR (of the report)
 * and the hectares they burned (the final area once extinguished).</li>
 * <li>{@code forest.fire_detection.covered_hectares}: hectares watched by the systems installed in the YEAR, and by
 * all systems so far (PROGRAMME; national target 5.6 million ha); {@code forest.fire_detection.coverage_pct}: the
 * PROGRAMME value over the forest-fund area of the scope, where {@link ForestFund} knows it.</li>
 * <li>{@code forest.planting_material.seedlings} and {@code forest.planting_material.seeds_tonnes}: seedlings and
 * saplings, and seed in tonnes, prepared for the planting of the YEAR;
 * {@code forest.planting_material.plan_coverage_pct}: those seedlings over the trees planned for the YEAR, not
 * published until a plan exists; target 100.</li>
 * </ul>
 * Targets come from the definitions.
 */
final class ForestKpiValues {

    private ForestKpiValues() {
    }

    /** The KPI values a measure's current totals give; none while a rate has nothing to divide by. */
    static List<KpiValue> valuesOf(Measure measure, MeasureTotals totals, Instant computedAt, ForestFund fund) {
        List<KpiValue> values = new ArrayList<>();
        Instant dataAsOf = Instant.ofEpochMilli(Math.max(0, totals.dataAsOf()));
        boolean nationalProgramme = KpiScopes.NATIONAL.equals(measure.scope())
                && measure.period().getGranularity() == KpiGranularity.PROGRAMME;
        String scope = measure.scope();
        switch (measure.kind()) {
            case PLANTED -> {
                values.add(ForestKpis.PLANTED.value(scope, measure.period(), totals.numeratorValue(), null, null,
                        totals.facts(), dataAsOf, computedAt));
                if (nationalProgramme) {
                    values.add(ForestKpis.PROGRESS.value(scope, measure.period(),
                            Programme.progressPct(totals.numeratorValue()), null, null, totals.facts(), dataAsOf,
                            computedAt));
                }
            }
            case FULFILMENT -> rate(values, ForestKpis.PLAN_FULFILMENT, measure, totals, dataAsOf, computedAt);
            case SURVIVAL_1 -> rate(values, ForestKpis.SURVIVAL_YEAR_1, measure, totals, dataAsOf, computedAt);
            case SURVIVAL_3 -> rate(values, ForestKpis.SURVIVAL_YEAR_3, measure, totals, dataAsOf, computedAt);
            case ARAL_HECTARES -> {
                double hectares = Math.round(totals.numeratorValue() * 100.0) / 100.0;
                values.add(ForestKpis.ARAL_HECTARES.value(scope, measure.period(), hectares, null, null,
                        totals.facts(), dataAsOf, computedAt));
            }
            case FIRES -> values.add(ForestKpis.FIRES.value(scope, measure.period(), totals.numeratorValue(), null,
                    null, totals.facts(), dataAsOf, computedAt));
            case FIRE_HECTARES -> values.add(ForestKpis.FIRE_HECTARES.value(scope, measure.period(),
                    hectares(totals), null, null, totals.facts(), dataAsOf, computedAt));
            case DETECTION_HECTARES -> {
                double covered = hectares(totals);
                values.add(ForestKpis.DETECTION_HECTARES.value(scope, measure.period(), covered, null, null,
                        totals.facts(), dataAsOf, computedAt));
                if (measure.period().getGranularity() == KpiGranularity.PROGRAMME) {
                    fund.hectares(scope).ifPresent(forestFund -> values.add(ForestKpis.DETECTION_COVERAGE.value(
                            scope, measure.period(), Programme.percent(covered, forestFund), null, null,
                            totals.facts(), dataAsOf, computedAt)));
                }
            }
            case MATERIAL_SEEDLINGS -> values.add(ForestKpis.MATERIAL_SEEDLINGS.value(scope, measure.period(),
                    totals.numeratorValue(), null, null, totals.facts(), dataAsOf, computedAt));
            // tonnes to the kilogram, as lots are weighed: the exact sum (millionths of a tonne) rounded once
            case MATERIAL_SEEDS -> values.add(ForestKpis.MATERIAL_SEEDS.value(scope, measure.period(),
                    Math.round(totals.numerator() / 1000.0) / 1000.0, null, null, totals.facts(), dataAsOf,
                    computedAt));
            case MATERIAL_COVERAGE -> rate(values, ForestKpis.MATERIAL_PLAN_COVERAGE, measure, totals, dataAsOf,
                    computedAt);
            default -> throw new IllegalStateException("unhandled measure " + measure.kind());
        }
        return values;
    }

    /** A sum of hectares, to 0.01 ha. */
    private static double hectares(MeasureTotals totals) {
        return Math.round(totals.numeratorValue() * 100.0) / 100.0;
    }

    private static void rate(List<KpiValue> values, KpiDefinition kpi, Measure measure, MeasureTotals totals,
            Instant dataAsOf, Instant computedAt) {
        Double pct = Programme.percent(totals.numeratorValue(), totals.denominatorValue());
        if (pct != null) {
            values.add(kpi.value(measure.scope(), measure.period(), pct, null, null, totals.facts(), dataAsOf,
                    computedAt));
        }
    }
}
