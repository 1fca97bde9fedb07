package kz.taza.contracts.emission;

/**
 * A later annual report of the same facility, year and pollutant replaces the earlier one: the reported series counts
 * only the latest submission. "Later" is the higher submittedAt; on a tie the higher reportId wins, so every instance
 * and every replay picks the same one. An older submission arriving late changes nothing.
 *
 * <p>Part of the emission contract: every reader of {@code emission.reports.v1} that counts reports (emission-service's
 * KPIs, kpi-service's drill-down) picks the same version by this rule.
 */
public final class ReportVersions {

    private ReportVersions() {
    }

    /** Whether the new submission replaces the current one ({@code currentReportId} null: nothing yet). */
    public static boolean replaces(long newSubmittedAt, String newReportId, long currentSubmittedAt,
            String currentReportId) {
        if (currentReportId == null) {
            return true;
        }
        if (newSubmittedAt != currentSubmittedAt) {
            return newSubmittedAt > currentSubmittedAt;
        }
        return newReportId.compareTo(currentReportId) > 0;
    }
}
