package kz.taza.platform.kpi;

import java.util.Objects;

import kz.taza.events.common.KpiGranularity;

/**
 * A value the programme aims at, for the KPI values of some scopes and granularities: 2 billion trees for the national
 * PROGRAMME value, 100 % KEP coverage for {@code GROUP:TOP50_CAT1}, 65 % survival for every value.
 *
 * @param value       the target, in the KPI's unit
 * @param scope       a scope pattern of the KPI ({@code NATIONAL}, {@code REGION:*}), or {@code null} for every scope
 * @param granularity the granularity it is set for, or {@code null} for every granularity
 */
public record KpiTarget(double value, String scope, KpiGranularity granularity) {

    /** A target for every value of the KPI. */
    public static KpiTarget always(double value) {
        return new KpiTarget(value, null, null);
    }

    /** Whether the target applies to a value of this scope and granularity. */
    public boolean appliesTo(String valueScope, KpiGranularity valueGranularity) {
        return (scope == null || KpiScopePattern.matches(scope, valueScope))
                && (granularity == null || granularity == Objects.requireNonNull(valueGranularity));
    }
}
