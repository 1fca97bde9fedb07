package kz.taza.kpi.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;

/** The JSON shapes of KPI answers, and their CSV rows. */
final class KpiViews {

    private KpiViews() {
    }

    /** A KPI of the catalogue. */
    record Definition(String id, String meaning, String unit, List<String> granularities, List<String> scopes,
            List<Target> targets, String owner) {

        static Definition of(KpiDefinition kpi) {
            return new Definition(kpi.id(), kpi.meaning(), kpi.unit().wire(),
                    kpi.granularities().stream().map(Enum::name).toList(), kpi.scopes(),
                    kpi.targets().stream().map(t -> new Target(t.value(), t.scope(),
                            t.granularity() == null ? null : t.granularity().name())).toList(), kpi.owner());
        }
    }

    /** A target; {@code scope} and {@code granularity} {@code null} for every scope or granularity. */
    record Target(double value, String scope, String granularity) {
    }

    /** One value of a KPI for a scope and period, as on {@code kpi.values.v1}. */
    record Value(String kpiId, String scope, String granularity, LocalDate periodStart, double value, String unit,
            Double target, Double baseline, Double changePct, long inputEvents, Instant dataAsOf, Instant computedAt) {

        static Value of(KpiValue v) {
            return new Value(v.getKpiId(), v.getScope(), v.getPeriod().getGranularity().name(),
                    v.getPeriod().getStart(), v.getValue(), v.getUnit(), v.getTarget(), v.getBaseline(),
                    v.getChangePct(), v.getInputEvents(), v.getDataAsOf(), v.getComputedAt());
        }
    }

    /** The CSV columns of {@link Value}. */
    static Export.Table valueTable(List<Value> values) {
        Export.Table table = Export.Table.of("kpiId", "scope", "granularity", "periodStart", "value", "unit",
                "target", "baseline", "changePct", "inputEvents", "dataAsOf", "computedAt");
        values.forEach(v -> table.row(v.kpiId(), v.scope(), v.granularity(), v.periodStart(), v.value(), v.unit(),
                v.target(), v.baseline(), v.changePct(), v.inputEvents(), v.dataAsOf(), v.computedAt()));
        return table;
    }
}
