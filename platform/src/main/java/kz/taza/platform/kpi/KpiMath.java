package kz.taza.platform.kpi;

/** The arithmetic KPI values share: changes against a previous figure and shares of a whole, rounded alike. */
public final class KpiMath {

    private KpiMath() {
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
