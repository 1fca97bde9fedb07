package kz.taza.emission.topology;

import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.platform.kpi.KpiDefinition;

/**
 * The KPIs emission-service owns ({@link EmissionKpis}), as the compact tag its KPI changes carry between processors:
 * {@link KpiDelta} writes the ordinal, so new KPIs are added at the end.
 */
public enum EmissionKpi {
    REPORTED_TONNES(EmissionKpis.REPORTED_TONNES),
    REPORTED_CHANGE_PCT(EmissionKpis.REPORTED_CHANGE_PCT),
    MEASURED_TONNES(EmissionKpis.MEASURED_TONNES),
    EXCEEDANCES_COUNT(EmissionKpis.EXCEEDANCES_COUNT),
    DATA_AVAILABILITY_PCT(EmissionKpis.DATA_AVAILABILITY_PCT),
    SOURCES_TRANSMITTING(EmissionKpis.SOURCES_TRANSMITTING),
    FEES_DUE_KZT(EmissionKpis.FEES_DUE_KZT),
    FEES_KEP_REDIRECTED_KZT(EmissionKpis.FEES_KEP_REDIRECTED_KZT),
    SOURCES_OBLIGED_NOT_INSTALLED(EmissionKpis.SOURCES_OBLIGED_NOT_INSTALLED),
    EXCEEDANCES_MASS_RATE_COUNT(EmissionKpis.EXCEEDANCES_MASS_RATE_COUNT),
    EXCEEDANCES_ANNUAL_MASS_COUNT(EmissionKpis.EXCEEDANCES_ANNUAL_MASS_COUNT),
    ENTERPRISES_OBLIGED(EmissionKpis.ENTERPRISES_OBLIGED),
    ENTERPRISES_INSTALLED(EmissionKpis.ENTERPRISES_INSTALLED),
    ENTERPRISES_CONNECTED(EmissionKpis.ENTERPRISES_CONNECTED);

    private static final EmissionKpi[] VALUES = values();

    private final KpiDefinition definition;

    EmissionKpi(KpiDefinition definition) {
        this.definition = definition;
    }

    public KpiDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    static EmissionKpi ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
