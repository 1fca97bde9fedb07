package kz.taza.schemas;

import java.time.LocalDate;
import java.util.Objects;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;

/**
 * The message key of {@code kpi.values.v1}: {@code kpiId|scope|period}, where the period renders as
 * {@code GRANULARITY:start}, e.g. {@code emissions.reported.change_pct|GROUP:TOP50_CAT1|YEAR:2024-01-01}.
 * One key per (KPI, scope, period), so the compacted topic keeps exactly the latest value of each.
 */
public final class KpiKeys {

    /** Separates kpiId, scope and period; never part of any of them. */
    public static final char SEPARATOR = '|';

    private KpiKeys() {
    }

    /** The key of a KPI value. */
    public static String key(KpiValue value) {
        return key(value.getKpiId(), value.getScope(), value.getPeriod());
    }

    /** The key for a KPI, scope and period. */
    public static String key(String kpiId, String scope, KpiPeriod period) {
        return key(kpiId, scope, period.getGranularity(), period.getStart());
    }

    /** The key for a KPI, scope and period given by granularity and first day. */
    public static String key(String kpiId, String scope, KpiGranularity granularity, LocalDate start) {
        return part("kpiId", kpiId) + SEPARATOR + part("scope", scope) + SEPARATOR + period(granularity, start);
    }

    /** A period as it appears in keys, e.g. {@code YEAR:2024-01-01}. */
    public static String period(KpiPeriod period) {
        return period(period.getGranularity(), period.getStart());
    }

    /** A period as it appears in keys, e.g. {@code MONTH:2024-03-01}. */
    public static String period(KpiGranularity granularity, LocalDate start) {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(start, "start");
        return granularity.name() + ':' + start;
    }

    private static String part(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.indexOf(SEPARATOR) >= 0) {
            // The separator inside a part would make two different KPIs share a key.
            throw new IllegalArgumentException(name + " must not contain '" + SEPARATOR + "': " + value);
        }
        return value;
    }
}
