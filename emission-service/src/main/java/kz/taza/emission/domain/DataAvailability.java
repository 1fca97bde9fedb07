package kz.taza.emission.domain;

/**
 * AMS data availability: VALID intervals received / intervals expected, over the AMS-required sources that have AMS
 * installed (a source obliged to have AMS but without one has no data to miss; it is counted apart) and the
 * pollutants each must measure. Intervals are expected from the start of the period up to the end of the newest
 * interval received in it (never past the period's end), so a period in progress is judged on what has elapsed, and a
 * period whose data is complete is judged on all of it.
 */
public final class DataAvailability {

    private DataAvailability() {
    }

    /**
     * Intervals expected in the period.
     *
     * @param sources          AMS-required sources with AMS installed in the scope
     * @param pollutants       pollutants each source must measure
     * @param periodStartMillis first instant of the period
     * @param periodEndMillis  first instant after the period
     * @param coveredUntil     end of the newest interval received in the period
     * @param intervalMinutes  interval length
     */
    public static long expectedIntervals(long sources, int pollutants, long periodStartMillis, long periodEndMillis,
            long coveredUntil, int intervalMinutes) {
        long until = Math.min(periodEndMillis, coveredUntil);
        if (until <= periodStartMillis || sources <= 0 || pollutants <= 0) {
            return 0;
        }
        long intervalMillis = intervalMinutes * 60_000L;
        long intervals = (until - periodStartMillis + intervalMillis - 1) / intervalMillis;
        return sources * pollutants * intervals;
    }

    /** Percentage, rounded to 0.01 and capped at 100 (repeated intervals never count twice, but be safe). */
    public static Double percent(long validIntervals, long expected) {
        if (expected <= 0) {
            return null;
        }
        double pct = Math.round(validIntervals * 10_000.0 / expected) / 100.0;
        return Math.min(100.0, pct);
    }
}
