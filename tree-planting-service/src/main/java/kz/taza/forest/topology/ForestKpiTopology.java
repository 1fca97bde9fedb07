package kz.taza.forest.topology;

import java.time.Clock;
import java.util.Objects;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import kz.taza.contracts.forest.ForestFund;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;

/**
 * The forest KPIs ({@link ForestKpis}, read off the totals by {@link ForestKpiValues}) from {@code forest.events.v1} to {@code kpi.values.v1}. Each event is turned
 * into changes of running totals by {@link ForestFactsProcessor} (which remembers every fact, so repeats change
 * nothing and corrections change the totals by their difference); the changes are regrouped by measure (one
 * repartition) and summed into a KTable; every new total publishes the current KPI value under its
 * {@code kpiId|scope|period} key, so the compacted KPI topic keeps the latest.
 */
public final class ForestKpiTopology implements StreamsTopology {

    /** Current totals of every measure, by measure key ({@link Measure#key()}). */
    public static final String TOTALS_STORE = "forest-kpi-totals";

    private final Clock clock;
    private final ForestFund forestFund;

    /** With the default forest-fund areas ({@link ForestFund#defaults()}). */
    public ForestKpiTopology(Clock clock) {
        this(clock, ForestFund.defaults());
    }

    public ForestKpiTopology(Clock clock, ForestFund forestFund) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.forestFund = Objects.requireNonNull(forestFund, "forestFund");
    }

    @Override
    public void build(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ForestFactsProcessor.FACTS_STORE), Serdes.String(),
                ForestTopics.FOREST_EVENTS.valueSerde()));

        KStream<String, MeasureTotals> changes = Inputs.stream(builder, ForestTopics.FOREST_EVENTS)
                .process(ForestFactsProcessor::new, Named.as("forest-kpi-facts"), ForestFactsProcessor.FACTS_STORE);
        // Regrouped by measure through a repartition topic whose bad records are quarantined too.
        Inputs.repartition(changes, "forest-kpi-measures", MeasureTotals.serde())
                .groupByKey(Grouped.with(Serdes.String(), MeasureTotals.serde()))
                .aggregate(() -> MeasureTotals.NONE, (measure, change, totals) -> totals.plus(change),
                        Named.as("forest-kpi-sum"),
                        Materialized.<String, MeasureTotals, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(MeasureTotals.serde()))
                .toStream(Named.as("forest-kpi-totals-changes"))
                .flatMap((measureKey, totals) -> ForestKpiValues.valuesOf(Measure.parse(measureKey), totals,
                                clock.instant(), forestFund).stream()
                        .map(value -> KeyValue.pair(KpiKeys.key(value), value)).toList(),
                        Named.as("forest-kpi-values"))
                .to(PlatformTopics.KPI_VALUES.name(), PlatformTopics.KPI_VALUES.produced());
    }
}
