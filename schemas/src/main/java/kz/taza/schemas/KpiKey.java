package kz.taza.schemas;

import java.util.Objects;

import kz.taza.events.common.KpiPeriod;

/**
 * A key of {@code kpi.values.v1} taken apart: which KPI, which scope, which period. {@link KpiKeys} is the only place
 * that turns one into text and back.
 *
 * @param kpiId  for example {@code emissions.reported.tonnes}; an internal aggregation keys its running totals the
 *               same way with a name of its own in this place
 * @param scope  for example {@code REGION:55}
 * @param period granularity and first day
 */
public record KpiKey(String kpiId, String scope, KpiPeriod period) {

    public KpiKey {
        Objects.requireNonNull(period, "period");
        // Built through KpiKeys so that a key that could not be parsed back is refused here already.
        KpiKeys.key(kpiId, scope, period);
    }

    /** The key as it is on the topic: {@code kpiId|scope|GRANULARITY:start}. */
    public String text() {
        return KpiKeys.key(kpiId, scope, period);
    }

    @Override
    public String toString() {
        return text();
    }
}
