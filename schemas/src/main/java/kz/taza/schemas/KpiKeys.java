package kz.taza.schemas;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;

/**
 * The message key of {@code kpi.values.v1}: {@code kpiId|scope|period}, where the period renders as
 * {@code GRANULARITY:start}, e.g. {@code emissions.reported.change_pct|GROUP:TOP50_CAT1|YEAR:2024-01-01}.
 * One key per (KPI, scope, period), so the compacted topic keeps exactly the latest value of each.
 *
 * <p>This class is the only one that builds such keys or takes them apart ({@link #parse(String)}); the services'
 * running totals that are keyed like KPI values (a series name, a scope, a period) use it too, so there is one
 * spelling and one parser.
 */
public final class KpiKeys {

    /** Separates kpiId, scope and period; never part of any of them. */
    private static final char SEPARATOR = '|';
    /** Separates a period's granularity from its first day. */
    private static final char PERIOD_SEPARATOR = ':';

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
        return series(kpiId, scope) + SEPARATOR + period(granularity, start);
    }

    /**
     * Takes a key apart: {@code trees.planted.count|REGION:43|PROGRAMME:2021-01-01} is the KPI
     * {@code trees.planted.count}, scope {@code REGION:43}, the PROGRAMME period from 2021-01-01.
     *
     * @throws IllegalArgumentException when the text is not a key this class builds
     */
    public static KpiKey parse(String key) {
        Objects.requireNonNull(key, "key");
        int first = key.indexOf(SEPARATOR);
        int second = first < 0 ? -1 : key.indexOf(SEPARATOR, first + 1);
        if (first <= 0 || second <= first + 1 || key.indexOf(SEPARATOR, second + 1) >= 0) {
            throw new IllegalArgumentException("not a KPI key (kpiId|scope|GRANULARITY:start): " + key);
        }
        return new KpiKey(key.substring(0, first), key.substring(first + 1, second),
                parsePeriod(key.substring(second + 1), key));
    }

    /**
     * The start of the keys of one KPI and scope at one granularity, e.g. {@code trees.planted.count|NATIONAL|YEAR:},
     * for a prefix scan of a store keyed by KPI keys.
     */
    public static String prefix(String kpiId, String scope, KpiGranularity granularity) {
        return series(kpiId, scope) + SEPARATOR + granularity.name() + PERIOD_SEPARATOR;
    }

    /**
     * The key of every period of one KPI and scope, {@code kpiId|scope}: a repartition key that brings all periods of a
     * series to one partition (a year-on-year change needs both years).
     */
    public static String series(String kpiId, String scope) {
        return part("kpiId", kpiId) + SEPARATOR + part("scope", scope);
    }

    /** A period as it appears in keys, e.g. {@code YEAR:2024-01-01}. */
    public static String period(KpiPeriod period) {
        return period(period.getGranularity(), period.getStart());
    }

    /** A period as it appears in keys, e.g. {@code MONTH:2024-03-01}. */
    public static String period(KpiGranularity granularity, LocalDate start) {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(start, "start");
        return granularity.name() + PERIOD_SEPARATOR + start;
    }

    private static KpiPeriod parsePeriod(String text, String key) {
        int colon = text.indexOf(PERIOD_SEPARATOR);
        if (colon <= 0) {
            throw new IllegalArgumentException("not a KPI period (GRANULARITY:start) in key " + key);
        }
        try {
            return new KpiPeriod(KpiGranularity.valueOf(text.substring(0, colon)),
                    LocalDate.parse(text.substring(colon + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a KPI period (GRANULARITY:start) in key " + key, e);
        }
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
