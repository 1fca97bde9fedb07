package kz.taza.kpi.topology;

import java.util.function.Consumer;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.KpiValue;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.errors.ReferenceCheck;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.topic.PlatformTopics;

/**
 * What every instance of the KPI service holds whole, as global stores: every KPI value (the compacted
 * {@code kpi.values.v1}, latest value per key), every facility's registration and every version of every annual report.
 * Any instance answers any KPI, history or drill-down query and streams every change to its browsers, without asking
 * another instance. Each new KPI value is also handed to {@code onKpiValue} (the live updates).
 *
 * <p>Every record is read through the platform's quarantine ({@link Inputs}): one that does not decode goes to its
 * topic's dead-letter topic and changes nothing here.
 *
 * <p>Sizes: KPI values are tens of thousands at most; registrations a few thousand; report versions one per
 * facility, year, pollutant and resubmission (tens of thousands a decade).
 */
public final class KpiReadModel implements StreamsTopology {

    private final Consumer<KpiValue> onKpiValue;

    /** @param onKpiValue told of every KPI value the store takes, in the order of the topic's partitions */
    public KpiReadModel(Consumer<KpiValue> onKpiValue) {
        this.onKpiValue = onKpiValue;
    }

    @Override
    public void build(StreamsBuilder builder) {
        // Every KPI value, latest per key; a tombstone removes the key.
        Inputs.globalStore(builder, PlatformTopics.KPI_VALUES,
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KpiStores.KPI_VALUES), Serdes.String(),
                        PlatformTopics.KPI_VALUES.valueSerde()),
                ReferenceCheck.none(), () -> new KpiValuesProcessor(onKpiValue));

        // Registrations: the region a facility is counted in by the drill-down.
        Inputs.globalTable(builder, PermitTopics.FACILITIES, KpiStores.FACILITIES);

        // Every report version under its own key: the drill-down shows which one counts and which were replaced.
        Inputs.globalStore(builder, EmissionTopics.REPORTS,
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KpiStores.REPORT_VERSIONS),
                        Serdes.String(), EmissionTopics.REPORTS.valueSerde()),
                ReferenceCheck.none(), ReportVersionsProcessor::new);
    }

    private static final class KpiValuesProcessor implements Processor<String, KpiValue, Void, Void> {
        private final Consumer<KpiValue> onKpiValue;
        private KeyValueStore<String, KpiValue> store;

        KpiValuesProcessor(Consumer<KpiValue> onKpiValue) {
            this.onKpiValue = onKpiValue;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(KpiStores.KPI_VALUES);
        }

        @Override
        public void process(Record<String, KpiValue> record) {
            // A record without a key never gets here: the quarantine has it.
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
                onKpiValue.accept(record.value());
            }
        }
    }

    private static final class ReportVersionsProcessor
            implements Processor<String, EmissionReportSubmitted, Void, Void> {
        private KeyValueStore<String, EmissionReportSubmitted> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(KpiStores.REPORT_VERSIONS);
        }

        @Override
        public void process(Record<String, EmissionReportSubmitted> record) {
            if (record.value() != null) { // an event topic: a tombstone carries no report
                store.put(ReportVersionKey.of(record.value()), record.value());
            }
        }
    }
}
