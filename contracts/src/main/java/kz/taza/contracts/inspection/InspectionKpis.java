package kz.taza.contracts.inspection;

import java.util.List;

import kz.taza.events.common.KpiGranularity;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiUnit;
import kz.taza.schemas.KpiScopes;

/**
 * The compliance KPIs inspection-service publishes, each for NATIONAL and every region, per MONTH and YEAR. An event
 * of an earlier period (a late payment, an order fulfilled late) updates that period's value.
 */
public final class InspectionKpis {

    /** The service that publishes them. */
    public static final String OWNER = "inspection-service";

    public static final KpiDefinition INSPECTIONS_COMPLETED = compliance("inspections.completed.count",
            "Inspections completed in the period, counted on the day of completion.", KpiUnit.COUNT);
    public static final KpiDefinition VIOLATIONS = compliance("inspections.violations.count",
            "Violations recorded by the inspections completed in the period.", KpiUnit.COUNT);
    public static final KpiDefinition FINES_IMPOSED = compliance("fines.imposed_kzt",
            "Fines imposed in the period, counted on the day imposed.", KpiUnit.TENGE);
    public static final KpiDefinition FINES_COUNT = compliance("fines.imposed.count",
            "Fines imposed in the period, on any ground, counted on the day imposed.", KpiUnit.COUNT);
    public static final KpiDefinition FINES_WITHOUT_INSPECTION = compliance("fines.without_inspection.count",
            "Fines imposed in the period that follow no inspection (an AMS exceedance or an administrative case "
                    + "opened otherwise), counted on the day imposed.", KpiUnit.COUNT);
    public static final KpiDefinition FINES_COLLECTED = compliance("fines.collected_kzt",
            "Fines paid in the period, counted on the day of payment.", KpiUnit.TENGE);
    public static final KpiDefinition COLLECTION_RATE = compliance("fines.collection_rate_pct",
            "Fines collected as a share of the fines imposed in the same period; absent while nothing was imposed.",
            KpiUnit.PERCENT);
    public static final KpiDefinition ORDERS_OVERDUE = compliance("orders.overdue.count",
            "Remediation orders due in the period that are past due and not fulfilled.", KpiUnit.COUNT);

    private InspectionKpis() {
    }

    /** Every compliance KPI. */
    public static List<KpiDefinition> all() {
        return List.of(INSPECTIONS_COMPLETED, VIOLATIONS, FINES_IMPOSED, FINES_COUNT, FINES_WITHOUT_INSPECTION,
                FINES_COLLECTED, COLLECTION_RATE, ORDERS_OVERDUE);
    }

    private static KpiDefinition compliance(String id, String meaning, KpiUnit unit) {
        return KpiDefinition.kpi(id)
                .meaning(meaning)
                .unit(unit)
                .per(KpiGranularity.MONTH, KpiGranularity.YEAR)
                .scopes(KpiScopes.NATIONAL, "REGION:*")
                .owner(OWNER)
                .build();
    }
}
