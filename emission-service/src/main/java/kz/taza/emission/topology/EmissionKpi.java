package kz.taza.emission.topology;

import kz.taza.platform.kpi.Kpi;

/** The KPIs emission-service owns (DESIGN.md, KPIs), with the unit each is published in. */
public enum EmissionKpi {
    REPORTED_TONNES(Kpi.of("emissions.reported.tonnes", "t")),
    REPORTED_CHANGE_PCT(Kpi.of("emissions.reported.change_pct", "pct")),
    MEASURED_TONNES(Kpi.of("emissions.measured.tonnes", "t")),
    EXCEEDANCES_COUNT(Kpi.of("emissions.exceedances.count", "count")),
    DATA_AVAILABILITY_PCT(Kpi.of("ams.data_availability_pct", "pct")),
    SOURCES_TRANSMITTING(Kpi.of("ams.sources.transmitting", "count"));

    private static final EmissionKpi[] VALUES = values();

    private final Kpi kpi;

    EmissionKpi(Kpi kpi) {
        this.kpi = kpi;
    }

    public Kpi kpi() {
        return kpi;
    }

    public String id() {
        return kpi.id();
    }

    static EmissionKpi ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
