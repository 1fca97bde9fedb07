package kz.taza.permit.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitType;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;

/**
 * What the permit KPIs ({@code kz.taza.contracts.permit.PermitKpis}) count.
 * <ul>
 * <li>{@code permits.active.count}: permits whose status is ACTIVE (suspended, revoked and expired ones are not in
 * force), in total (scope NATIONAL) and per permit type (scope {@code PERMIT_TYPE:<type>}, e.g.
 * {@code PERMIT_TYPE:KEP}).</li>
 * <li>{@code permits.kep_coverage_pct}: of the facilities in a scope, the share holding an ACTIVE KEP. Scopes:
 * {@code CATEGORY:I} (every Category I facility) and {@code GROUP:TOP50_CAT1} (Category I facilities of the 50
 * largest enterprises, who must hold a KEP from 2025: target 100%, set in the KPI's definition).</li>
 * <li>{@code emissions.permitted.tonnes}: the t/yr limits of the ACTIVE permits summed, NATIONAL, per REGION and per
 * POLLUTANT ({@link #permittedGrams}).</li>
 * </ul>
 */
public final class PermitKpiRules {

    /** Scope prefix of the per-type counts; see {@link #permitTypeScope(PermitType)}. */
    public static final String PERMIT_TYPE_SCOPE_PREFIX = "PERMIT_TYPE:";
    /** Scope of every Category I facility. */
    public static final String CATEGORY_I = KpiScopes.category("I");
    /** The two coverage scopes. */
    public static final List<String> COVERAGE_SCOPES = List.of(CATEGORY_I, KpiScopes.TOP50_CAT1);

    private PermitKpiRules() {
    }

    /**
     * What a facility with its current permit adds to the permitted series ({@code emissions.permitted.tonnes}): each
     * t/yr limit of an ACTIVE permit, in grams per year ({@link Micros}: whole millionths of a tonne, so the series
     * adds and subtracts exactly), under NATIONAL, the facility's REGION and the limit's
     * POLLUTANT. Nothing for a facility without an active permit, or whose permit sets no t/yr limit.
     */
    public static Map<String, Long> permittedGrams(Facility facility, Permit permit) {
        Map<String, Long> out = new TreeMap<>();
        if (facility == null || !isActive(permit)) {
            return out;
        }
        for (PermitLimit limit : permit.getLimits()) {
            Double tonnes = limit.getTonnesPerYear();
            if (tonnes == null || !(tonnes > 0)) {
                continue;
            }
            long grams = Micros.of(tonnes);
            out.merge(KpiScopes.NATIONAL, grams, Micros::plus);
            out.merge("REGION:" + facility.getRegionCode(), grams, Micros::plus);
            out.merge(KpiScopes.pollutant(limit.getPollutant()), grams, Micros::plus);
        }
        return out;
    }

    /** Whether the permit is in force and counts as active. */
    public static boolean isActive(Permit permit) {
        return permit != null && permit.getStatus() == PermitStatus.ACTIVE;
    }

    /** {@code PERMIT_TYPE:KEP} etc. */
    public static String permitTypeScope(PermitType type) {
        return PERMIT_TYPE_SCOPE_PREFIX + type.name();
    }

    /** The coverage scopes a facility belongs to: CATEGORY:I for Category I, plus GROUP:TOP50_CAT1 when top-50. */
    public static List<String> coverageScopesOf(Facility facility) {
        List<String> scopes = new ArrayList<>();
        if (facility != null && facility.getCategory() == FacilityCategory.I) {
            scopes.add(CATEGORY_I);
            if (facility.getTop50()) {
                scopes.add(KpiScopes.TOP50_CAT1);
            }
        }
        return scopes;
    }

    /** Whether the facility holds an ACTIVE KEP. */
    public static boolean holdsActiveKep(Permit permit) {
        return isActive(permit) && permit.getType() == PermitType.KEP;
    }

    /** Coverage in percent, rounded to 0.01; 0 when the scope has no facilities (none of them lacks a KEP). */
    public static double coveragePct(long covered, long inScope) {
        return inScope == 0 ? 0.0 : Math.round(10_000.0 * covered / inScope) / 100.0;
    }
}
