package kz.taza.emission.topology;

/** Names of the emission topology's state stores (the read API queries some of them). */
public final class EmissionStores {

    /** Global: the facility registry (permit.facilities.v1), for validation and KPI attributes. */
    public static final String FACILITIES = "emission-facilities";
    /** Global: the current permit of each facility (permit.permits.v1), for limits. */
    public static final String PERMITS = "emission-permits";
    /**
     * Window store, facility|source|pollutant at window start intervalStart -> tonnes counted for a VALID interval,
     * -1 for a non-VALID one. Kept for the lateness horizon (and a margin). Named anew when it became a window store:
     * its changelog's records are windowed keys, which the old key-value changelog's are not.
     */
    public static final String CONTRIBUTIONS = "emission-interval-contributions-windowed";
    /**
     * Window store, facility|source|GRANULARITY at window start = first instant of the day or month -> VALID intervals
     * of an AMS-required source in the period. Kept for the lateness horizon plus a month.
     */
    public static final String SOURCE_PERIODS = "emission-source-periods-windowed";
    /**
     * Per task: the newest interval start taken in (what lateness is measured against) and the newest event time of
     * an accepted reading (what monitoring gaps are measured against). Two entries per task.
     */
    public static final String READING_CLOCK = "emission-reading-clock";
    /** facility|source|pollutant -> exceedance episode state. */
    public static final String EPISODES = "emission-exceedance-episodes";
    /** facility|source -> monitoring status of the source. Queried by the read API. */
    public static final String MONITORING = "emission-source-monitoring";
    /** facilityId -> recent exceedance episodes. Queried by the read API. */
    public static final String RECENT_EXCEEDANCES = "emission-recent-exceedances";
    /** KPI changes not yet handed on (in memory, logged). */
    public static final String PENDING_KPI = "emission-pending-kpi-deltas";
    /** facility|year|pollutant -> the report that counts. */
    public static final String REPORTS = "emission-report-versions";
    /** kpiId|scope|period -> running total. */
    public static final String KPI_TOTALS = "emission-kpi-totals";

    private EmissionStores() {
    }
}
