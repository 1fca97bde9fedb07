package kz.taza.contracts.permit;

import java.util.List;

import kz.taza.events.common.KpiGranularity;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiUnit;
import kz.taza.schemas.KpiScopes;

/**
 * The KPIs permit-service publishes. All are stocks: each value is the figure at the change that produced it, filed
 * under the YEAR of that change, so the compacted topic holds the year-end figure of past years and the current one of
 * this year.
 */
public final class PermitKpis {

    /** The service that publishes them. */
    public static final String OWNER = "permit-service";

    /** Active permits, in total and per permit type ({@code PERMIT_TYPE:KEP}, ...). */
    public static final KpiDefinition ACTIVE_COUNT = KpiDefinition.kpi("permits.active.count")
            .meaning("Permits in force (status ACTIVE; suspended, revoked and expired ones are not), in total and per "
                    + "permit type.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "PERMIT_TYPE:*")
            .owner(OWNER)
            .build();

    /** KEP coverage of every Category I facility, and of the top-50 group, which must hold a KEP from 2025. */
    public static final KpiDefinition KEP_COVERAGE = KpiDefinition.kpi("permits.kep_coverage_pct")
            .meaning("Share of the facilities in scope holding an ACTIVE KEP; the top-50 group must hold one from "
                    + "2025.")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.category("I"), KpiScopes.TOP50_CAT1)
            .target(100, KpiScopes.TOP50_CAT1, null)
            .owner(OWNER)
            .build();

    /**
     * The permitted series: the t/yr limits of the permits in force, summed. Kept apart from the operators' reported
     * tonnes and the AMS-measured tonnes (emission-service), never merged with them.
     */
    public static final KpiDefinition PERMITTED_TONNES = KpiDefinition.kpi("emissions.permitted.tonnes")
            .meaning("Tonnes per year permitted: the sum of the t/yr limits of the ACTIVE permits (the permitted "
                    + "series, beside the reported and the AMS-measured ones, never merged with them).")
            .unit(KpiUnit.TONNES)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*", "POLLUTANT:*")
            .owner(OWNER)
            .build();

    private PermitKpis() {
    }

    /** Every permit KPI. */
    public static List<KpiDefinition> all() {
        return List.of(ACTIVE_COUNT, KEP_COVERAGE, PERMITTED_TONNES);
    }
}
