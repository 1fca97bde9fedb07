package kz.taza.platform.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;

/**
 * Cuts event time into KPI periods. Days, months and years are those of the regulator's zone (Kazakhstan time by
 * default, {@code taza.zone}), so a reading at 23:30 UTC on 31 December counts in the next year, as it does for the
 * people reading the KPI.
 */
public final class KpiPeriods {

    private KpiPeriods() {
    }

    /** The period of the given granularity that contains the instant, in the zone. */
    public static KpiPeriod containing(KpiGranularity granularity, Instant eventTime, ZoneId zone) {
        return containing(granularity, eventTime.atZone(zone).toLocalDate());
    }

    /** The period of the given granularity that contains the date. */
    public static KpiPeriod containing(KpiGranularity granularity, LocalDate date) {
        LocalDate start = switch (granularity) {
            case DAY -> date;
            case MONTH -> date.withDayOfMonth(1);
            case YEAR -> date.withDayOfYear(1);
            default -> throw new IllegalArgumentException(
                    "a " + granularity + " period is not cut from a date; use programme(...)");
        };
        return new KpiPeriod(granularity, start);
    }

    /** The calendar year as a period. */
    public static KpiPeriod year(int year) {
        return new KpiPeriod(KpiGranularity.YEAR, LocalDate.of(year, 1, 1));
    }

    /** A whole programme (for example the tree-planting programme) as one period starting on its first day. */
    public static KpiPeriod programme(LocalDate start) {
        return new KpiPeriod(KpiGranularity.PROGRAMME, start);
    }

    /** The period just before this one, for changes against the previous period. */
    public static KpiPeriod previous(KpiPeriod period) {
        LocalDate start = period.getStart();
        return switch (period.getGranularity()) {
            case DAY -> new KpiPeriod(KpiGranularity.DAY, start.minusDays(1));
            case MONTH -> new KpiPeriod(KpiGranularity.MONTH, start.minusMonths(1));
            case YEAR -> new KpiPeriod(KpiGranularity.YEAR, start.minusYears(1));
            default -> throw new IllegalArgumentException(period.getGranularity() + " has no previous period");
        };
    }
}
