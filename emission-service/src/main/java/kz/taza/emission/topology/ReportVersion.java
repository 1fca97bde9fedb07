package kz.taza.emission.topology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;

/**
 * The report that counts for a facility, year and pollutant ({@link EmissionStores#REPORTS}), as it was added to the
 * totals, so that a replacing report takes exactly that back, from the same scopes, even if the facility's attributes
 * or the configured fee rates changed meanwhile.
 *
 * @param submittedAt   when this version was submitted, epoch millis
 * @param reportId      its report id
 * @param grams         its tonnes in millionths ({@link Micros}: grams)
 * @param scopes        the KPI scopes its tonnes were added to, comma-separated
 * @param feeMicroKzt   its emission fee in millionths of a tenge; 0 when not charged
 * @param rateMciPerTonne the fee rate applied, MCI per tonne; null when not charged (no rate for the pollutant, no
 *                      MCI for the year, or counted before fees were: a version of an earlier form)
 * @param mciKzt        the MCI applied, tenge; 0 when not charged
 * @param redirected    whether its fee is counted as redirected to modernisation (the facility held a KEP in the
 *                      year, {@code KepRedirection}); only a charged version is
 */
public record ReportVersion(long submittedAt, String reportId, long grams, String scopes, long feeMicroKzt,
        BigDecimal rateMciPerTonne, long mciKzt, boolean redirected) {

    private static final String SEPARATOR = ",";

    /** A version of the form before fees (version 2 and 1 of the store's values): not charged. */
    public ReportVersion(long submittedAt, String reportId, long grams, String scopes) {
        this(submittedAt, reportId, grams, scopes, 0, null, 0, false);
    }

    /** Whether a fee was computed for it (and added to the fee totals). */
    public boolean charged() {
        return rateMciPerTonne != null;
    }

    /** The scopes of its tonnes. */
    List<String> scopeList() {
        return List.of(scopes.split(SEPARATOR));
    }

    /** The scopes of its fee: those of its tonnes that the fee KPIs are published for (NATIONAL and its REGION). */
    List<String> feeScopes() {
        List<String> fee = new ArrayList<>(2);
        for (String scope : scopes.split(SEPARATOR)) {
            if (scope.equals(KpiScopes.NATIONAL) || scope.startsWith("REGION:")) {
                fee.add(scope);
            }
        }
        return fee;
    }

    /** The same version, its fee counted as redirected or not. */
    ReportVersion redirected(boolean now) {
        return new ReportVersion(submittedAt, reportId, grams, scopes, feeMicroKzt, rateMciPerTonne, mciKzt, now);
    }

    static String joined(List<String> scopes) {
        return String.join(SEPARATOR, scopes);
    }
}
