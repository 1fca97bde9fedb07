package kz.taza.kpi.topology;

import kz.taza.events.emission.EmissionReportSubmitted;

/**
 * The key of one report version in {@link KpiStores#REPORT_VERSIONS}: {@code facilityId|year|pollutant|reportId}, so
 * that a facility's versions are one prefix ({@link #facilityPrefix}) and every version is kept, not only the latest.
 */
public final class ReportVersionKey {

    private static final char SEPARATOR = '|';

    private ReportVersionKey() {
    }

    public static String of(EmissionReportSubmitted report) {
        return facilityPrefix(report.getFacilityId()) + report.getYear() + SEPARATOR + report.getPollutant()
                + SEPARATOR + report.getReportId();
    }

    /** The start of every key of the facility's versions. */
    public static String facilityPrefix(String facilityId) {
        return facilityId + SEPARATOR;
    }
}
