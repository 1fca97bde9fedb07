package kz.taza.forest.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns forest events into changes of KPI totals, remembering the latest event of every fact (a planting, a region's
 * plan for a year, a planting's survey of a survey year). A new fact adds its amounts; a replaced fact (a new plan, a
 * corrected survey) adds the difference to what it stated before; a repeated fact changes nothing and emits nothing.
 * Events are keyed by region, and every fact belongs to one region, so each fact lives in one partition's store.
 */
final class ForestFactsProcessor implements Processor<String, SpecificRecord, String, MeasureTotals> {

    /** The latest event of each fact, by fact key. */
    static final String FACTS_STORE = "forest-kpi-facts";

    private ProcessorContext<String, MeasureTotals> context;
    private KeyValueStore<String, SpecificRecord> facts;

    @Override
    public void init(ProcessorContext<String, MeasureTotals> context) {
        this.context = context;
        this.facts = context.getStateStore(FACTS_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        Optional<String> fact = event == null ? Optional.empty() : ForestContributions.factKey(event);
        if (fact.isEmpty()) {
            return;
        }
        SpecificRecord previous = facts.get(fact.get());
        Map<String, MeasureTotals> now = ForestContributions.of(event);
        Map<String, MeasureTotals> before = previous == null ? Map.of() : ForestContributions.of(previous);

        Map<String, MeasureTotals> changes = new LinkedHashMap<>();
        now.forEach((measure, amount) -> changes.put(measure,
                amount.minus(before.getOrDefault(measure, MeasureTotals.NONE))));
        before.forEach((measure, amount) -> changes.putIfAbsent(measure,
                MeasureTotals.NONE.minus(amount)));

        facts.put(fact.get(), event);
        changes.forEach((measure, change) -> {
            if (!change.changesNothing()) {
                context.forward(record.withKey(measure).withValue(change));
            }
        });
    }
}
