package kz.taza.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.contracts.permit.PermitKpis;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;

/**
 * Every KPI Taza publishes on {@code kpi.values.v1}, each id once: the domains' definitions ({@link PermitKpis},
 * {@link EmissionKpis}, {@link InspectionKpis}, {@link ForestKpis}) in one list, looked up by id. The READMEs' KPI
 * tables and the KPI section of {@code docs/asyncapi.yaml} are checked against it.
 */
public final class KpiCatalogue {

    private static final Map<String, KpiDefinition> BY_ID = index();

    private KpiCatalogue() {
    }

    /** Every definition, domain by domain (permit, emission, inspection, forest). */
    public static List<KpiDefinition> all() {
        return List.copyOf(BY_ID.values());
    }

    /** The definition with this id. */
    public static Optional<KpiDefinition> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The definitions a service publishes. */
    public static List<KpiDefinition> ownedBy(String service) {
        return BY_ID.values().stream().filter(kpi -> kpi.owner().equals(service)).toList();
    }

    /**
     * What is wrong with a record on {@code kpi.values.v1}: an id the catalogue does not know, or a unit, scope,
     * granularity or target other than its definition says. Empty when the record is as the catalogue says.
     */
    public static List<String> problemsWith(KpiValue value) {
        return byId(value.getKpiId()).map(kpi -> kpi.problemsWith(value))
                .orElseGet(() -> List.of(value.getKpiId() + " is not in the KPI catalogue"));
    }

    private static Map<String, KpiDefinition> index() {
        List<KpiDefinition> all = new ArrayList<>();
        all.addAll(PermitKpis.all());
        all.addAll(EmissionKpis.all());
        all.addAll(InspectionKpis.all());
        all.addAll(ForestKpis.all());
        Map<String, KpiDefinition> byId = new LinkedHashMap<>();
        for (KpiDefinition kpi : all) {
            if (byId.putIfAbsent(kpi.id(), kpi) != null) {
                throw new IllegalStateException("KPI id " + kpi.id() + " is defined twice");
            }
        }
        return byId;
    }
}
