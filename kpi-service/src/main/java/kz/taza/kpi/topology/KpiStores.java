package kz.taza.kpi.topology;

/** Names of the KPI service's state stores, which the read API queries. */
public final class KpiStores {

    /** Global: the latest value of every KPI key on {@code kpi.values.v1}. */
    public static final String KPI_VALUES = "kpi-values";
    /** Global: the current registration of every facility ({@code permit.facilities.v1}), for its region. */
    public static final String FACILITIES = "kpi-facilities";
    /**
     * Global: every version of every annual report ({@code emission.reports.v1}) under
     * {@code facilityId|year|pollutant|reportId} ({@link ReportVersionKey}).
     */
    public static final String REPORT_VERSIONS = "kpi-report-versions";
    /**
     * Window store, partitioned like the readings (by facility): {@code facilityId|sourceId|pollutant} at the interval
     * start, the AMS reading of that interval; kept for {@code taza.kpi.ams-retention}.
     */
    public static final String AMS_INTERVALS = "kpi-ams-intervals";

    private KpiStores() {
    }
}
