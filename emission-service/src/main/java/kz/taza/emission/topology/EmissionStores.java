package kz.taza.emission.topology;

/** Names of the emission topology's state stores (the read API queries some of them). */
public final class EmissionStores {

    /** Global: the facility registry (permit.facilities.v1), for validation and KPI attributes. */
    public static final String FACILITIES = "emission-facilities";
    /** Global: the current permit of each facility (permit.permits.v1), for limits. */
    public static final String PERMITS = "emission-permits";
    /**
     * facility|source -> everything kept about the source between its readings ({@link SourceState}): monitoring
     * status, newest day and month counts, pending KPI contributions, and per pollutant the newest interval, the
     * newest block of counted intervals and the exceedance episode. Queried by the read API (monitoring).
     */
    public static final String SOURCES = "emission-sources";
    /**
     * Window store, facility|source|pollutant at window start = block start -> what was counted for the intervals of
     * an older block ({@link CountedIntervals}, four hours). Kept for the lateness horizon, a block and a margin. The
     * newest block of a series is in its source's record.
     */
    public static final String CONTRIBUTIONS = "emission-counted-interval-blocks";
    /**
     * Window store, facility|source|GRANULARITY at window start = first instant of the day or month -> VALID intervals
     * of an AMS-required source in an older period. Kept for the lateness horizon plus a month. The newest day and
     * month of a source are in its record.
     */
    public static final String SOURCE_PERIODS = "emission-source-periods-windowed";
    /**
     * Per task: the newest interval start taken in (what lateness is measured against) and the newest event time of
     * an accepted reading (what monitoring gaps are measured against). Two entries per task.
     */
    public static final String READING_CLOCK = "emission-reading-clock";
    /** facilityId -> recent exceedance episodes. Queried by the read API. */
    public static final String RECENT_EXCEEDANCES = "emission-recent-exceedances";
    /** facility|year|pollutant -> the report that counts. */
    public static final String REPORTS = "emission-report-versions";
    /** kpiId|scope|period -> running total. */
    public static final String KPI_TOTALS = "emission-kpi-totals";

    private EmissionStores() {
    }
}
