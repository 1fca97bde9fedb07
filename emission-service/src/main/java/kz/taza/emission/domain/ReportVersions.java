package kz.taza.emission.domain;

/**
 * A later annual report of the same facility, year and pollutant replaces the earlier one: the reported series counts
 * only the latest submission. "Later" is the higher submittedAt; on a tie the higher reportId wins, so every instance
 * and every replay picks the same one. An older submission arriving late changes nothing.
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
