package kz.taza.forest.topology;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.StreamsBuilder;

import kz.taza.contracts.forest.ForestKpis;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.errors.ReferenceCheck;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;

/**
 * The forest KPIs as a global store on every instance, read from the compacted {@code kpi.values.v1}: the programme
 * progress endpoints answer from it without asking other instances. Only the forest KPIs ({@link ForestKpis}) are
 * kept; they are a few thousand records at most (20 regions, a handful of KPIs and periods). A record that does not
 * decode, or is not filed under its own {@code kpiId|scope|period} key, is quarantined and the key keeps its value.
 */
public final class ForestKpiReadModel implements StreamsTopology {

    /** The ids of the KPIs kept. */
    private static final Set<String> FOREST_KPIS = ForestKpis.all().stream().map(KpiDefinition::id)
            .collect(Collectors.toUnmodifiableSet());

    /** Latest forest KPI values by {@code kpiId|scope|period}. */
    public static final String STORE = "forest-kpi-values";

    /** A KPI value is filed under the key its KPI, scope and period make. */
    static final ReferenceCheck<KpiValue> OWN_KEY = (key, value) -> {
        String expected = KpiKeys.key(value);
        return key.equals(expected) ? null : "KPI value of " + expected + " under key " + key;
    };

    @Override
    public void build(StreamsBuilder builder) {
        Inputs.globalTable(builder, PlatformTopics.KPI_VALUES, STORE, OWN_KEY,
                (key, value) -> FOREST_KPIS.contains(value.getKpiId()));
    }
}
