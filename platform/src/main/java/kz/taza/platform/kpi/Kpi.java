package kz.taza.platform.kpi;

import java.time.Instant;
import java.util.Objects;

import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.schemas.KpiKeys;

/**
 * The definition of one KPI (its id, unit and, where the programme sets one, its target) and the one way Taza turns a
 * computed figure into a {@link KpiValue} record and its key on {@code kpi.values.v1}.
 *
 * @param id     for example {@code emissions.reported.change_pct}
 * @param unit   for example {@code t}, {@code %}, {@code count}, {@code KZT}, {@code ha}
 * @param target the programme's target, or {@code null}
 */
public record Kpi(String id, String unit, Double target) {

    public Kpi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unit, "unit");
    }

    public static Kpi of(String id, String unit) {
        return new Kpi(id, unit, null);
    }

    public static Kpi withTarget(String id, String unit, double target) {
        return new Kpi(id, unit, target);
    }

    /** The key of this KPI's value for a scope and period: {@code kpiId|scope|period}. */
    public String key(String scope, KpiPeriod period) {
        return KpiKeys.key(id, scope, period);
    }

    /** A value of this KPI; {@code baseline} and {@code changePct} are {@code null} where they do not apply. */
    public KpiValue value(String scope, KpiPeriod period, double value, Double baseline, Double changePct,
            long inputEvents, Instant dataAsOf, Instant computedAt) {
        return KpiValue.newBuilder()
                .setKpiId(id)
                .setScope(scope)
                .setPeriod(period)
                .setValue(value)
                .setUnit(unit)
                .setTarget(target)
                .setBaseline(baseline)
                .setChangePct(changePct)
                .setInputEvents(inputEvents)
                .setDataAsOf(dataAsOf)
                .setComputedAt(computedAt)
                .build();
    }

    /**
     * Change in percent from {@code previous} to {@code current}, rounded to 0.01; {@code null} when there is no
     * previous figure or it is zero (a change from nothing has no percentage).
     */
    public static Double changePct(Double previous, double current) {
        if (previous == null || previous == 0.0) {
            return null;
        }
        return Math.round((current - previous) / previous * 10_000.0) / 100.0;
    }

    /** {@code part} as a percentage of {@code whole}, rounded to 0.01; {@code null} when the whole is zero. */
    public static Double percent(double part, double whole) {
        if (whole == 0.0) {
            return null;
        }
        return Math.round(part / whole * 10_000.0) / 100.0;
    }
}
