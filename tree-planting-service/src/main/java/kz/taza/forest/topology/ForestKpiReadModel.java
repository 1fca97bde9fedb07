package kz.taza.forest.topology;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import kz.taza.contracts.forest.ForestKpis;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The forest KPIs as a global store on every instance, read from the compacted {@code kpi.values.v1}: the programme
 * progress endpoints answer from it without asking other instances. Only the forest KPIs ({@link ForestKpis}) are
 * kept; they are a few thousand records at most (20 regions, a handful of KPIs and periods).
 */
public final class ForestKpiReadModel implements StreamsTopology {

    /** The ids of the KPIs kept. */
    private static final Set<String> FOREST_KPIS = ForestKpis.all().stream().map(KpiDefinition::id)
            .collect(Collectors.toUnmodifiableSet());

    /** Latest forest KPI values by {@code kpiId|scope|period}. */
    public static final String STORE = "forest-kpi-values";

    @Override
    public void build(StreamsBuilder builder) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        PlatformTopics.KPI_VALUES.valueSerde()).withLoggingDisabled(),
                PlatformTopics.KPI_VALUES.name(),
                PlatformTopics.KPI_VALUES.consumed().withName("read-kpi-values-for-forest-reads"),
                () -> new Processor<String, KpiValue, Void, Void>() {
                    private KeyValueStore<String, KpiValue> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        store = context.getStateStore(STORE);
                    }

                    @Override
                    public void process(Record<String, KpiValue> record) {
                        if (record.key() == null) {
                            return;
                        }
                        if (record.value() == null) {
                            store.delete(record.key()); // a tombstone: the key has no value any more
                        } else if (FOREST_KPIS.contains(record.value().getKpiId())) {
                            store.put(record.key(), record.value());
                        }
                    }
                });
    }
}
