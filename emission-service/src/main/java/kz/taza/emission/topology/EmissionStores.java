package kz.taza.emission.topology;

/** Names of the emission topology's state stores (the read API queries some of them). */
public final class EmissionStores {

    /** Global: the facility registry (permit.facilities.v1), for validation and KPI attributes. */
    public static final String FACILITIES = "emission-facilities";
    /** Global: the current permit of each facility (permit.permits.v1), for limits. */
    public static final String PERMITS = "emission-permits";
    /** facility|source|pollutant|intervalStart -> tonnes counted for a VALID interval, -1 for a non-VALID one. */
    public static final String CONTRIBUTIONS = "emission-interval-contributions";
    /** facility|source|GRANULARITY:epochDay -> VALID intervals of an AMS-required source in the period. */
    public static final String SOURCE_PERIODS = "emission-source-periods";
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
