package kz.taza.emission.topology;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import kz.taza.contracts.emission.EmissionFeeRates;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The emission pipeline: AMS readings are validated, compared with permit limits (exceedance episodes), watched for
 * monitoring gaps and turned into measured-emission and AMS KPIs ({@link ReadingProcessor}); annual reports become the
 * reported-emission and emission-fee KPIs ({@link ReportProcessor}); KPI changes meet per KPI and scope and are published on
 * {@code kpi.values.v1} ({@link KpiAggregationProcessor}).
 *
 * <p>The facility registry and the permits are global stores ({@link ReferenceData}): small reference data, on every
 * instance, read without repartitioning the readings, and kept decoded until they change. Everything else is keyed by
 * facilityId as the readings are, so per-facility state never leaves its task; only the KPI changes (a few per KPI,
 * scope and period per flush interval) are repartitioned.
 *
 * <p>State is laid out for the common case, a reading in order: everything such a reading needs is in its source's
 * record ({@link SourceState}), so it costs one cached write; only a repeated, corrected or late reading reads and
 * writes more. State stays bounded for a national fleet: the source records grow with the fleet, not with time; what is
 * kept of older intervals (to count each reading once) and periods (to count transmitting sources) lives in window
 * stores whose retention is the lateness horizon ({@code taza.emission.max-reading-lateness}), so RocksDB drops old
 * segments whole, without scans or deletes, and the changelogs (compact,delete, retention = store retention +
 * {@code windowstore.changelog.additional.retention.ms}) shrink with them. The other stores are keyed by facility or
 * KPI period: they grow by a few keys per period, not with every interval.
 */
public final class EmissionTopology implements StreamsTopology {

    /**
     * Changelog settings of the window stores, on top of Kafka Streams' own (compact,delete, retention = store
     * retention + windowstore.changelog.additional.retention.ms). The broker deletes by record timestamp, and a
     * changelog record carries the reading's event time: readings replayed or reprocessed from further back than the
     * retention would have their changelog deleted on arrival, and a store restored after a crash would have forgotten
     * them, counting a repeat or a source's next interval again. Stamped with the time they are appended, they are kept
     * for the retention from when they were written: that covers the time the store needs them whenever readings move
     * on at least as fast as the wall clock (live data, replays); only a partition whose readings stop for longer than
     * the extra day could see a store restored after a crash miss its oldest intervals. Restoring a window store reads
     * the window start from the key, never the record timestamp.
     */
    static final Map<String, String> WINDOWED_CHANGELOG = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
            "LogAppendTime");

    /**
     * The shortest wall-clock interval at which counted reports are checked again for a late KEP and the registry's
     * changes are counted for {@code ams.sources.obliged_not_installed} and the enterprises obliged and installed.
     */
    static final Duration MIN_KEP_RECHECK = Duration.ofSeconds(1);

    private final EmissionSettings settings;
    private final EventMetadataFactory events;
    private final EmissionFeeRates feeRates;

    /**
     * The pipeline with the default emission fee rates ({@link EmissionFeeRates#defaults}).
     *
     * @param events metadata of the exceedance and monitoring events the readings cause
     */
    public EmissionTopology(EmissionSettings settings, EventMetadataFactory events) {
        this(settings, events, EmissionFeeRates.defaults());
    }

    /**
     * @param events   metadata of the exceedance and monitoring events the readings cause
     * @param feeRates the emission fee rates and MCI the reports' fees are computed with
     */
    public EmissionTopology(EmissionSettings settings, EventMetadataFactory events, EmissionFeeRates feeRates) {
        this.settings = settings;
        this.events = events;
        this.feeRates = feeRates;
    }

    @Override
    public void build(StreamsBuilder builder) {
        ReferenceData reference = new ReferenceData();
        reference.addGlobalStores(builder);

        // The source records: one write per reading in order, folded by the record cache until the commit.
        builder.addStateStore(persistent(EmissionStores.SOURCES, SourceState.SERDE));
        // Older blocks of counted intervals and older periods, only within the lateness horizon: window stores drop
        // whole segments once they fall out of retention, and their changelogs are compact,delete with the same
        // retention. No cache: a block or period is written about once, when its series or source moves on, so a
        // cache would save no writes, and it would go on answering for windows the store has already let go.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EmissionStores.CONTRIBUTIONS, settings.intervalRetention(),
                        CountedIntervals.BLOCK, false),
                Serdes.String(), CountedIntervals.SERDE).withLoggingEnabled(WINDOWED_CHANGELOG));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EmissionStores.SOURCE_PERIODS, settings.periodRetention(),
                        Duration.ofDays(1), false),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(WINDOWED_CHANGELOG));
        builder.addStateStore(persistent(EmissionStores.READING_CLOCK, Serdes.Long()));
        builder.addStateStore(persistent(EmissionStores.RECENT_EXCEEDANCES, StateSerdes.RECENT));
        builder.addStateStore(persistent(EmissionStores.REPORTS, StateSerdes.REPORT_VERSION));
        builder.addStateStore(persistent(EmissionStores.KPI_TOTALS, KpiTotal.SERDE));

        String readingsTopic = EmissionTopics.AMS_READINGS.name();
        KStream<String, ReceivedReading> readings = builder.stream(readingsTopic,
                Consumed.with(Serdes.String(), ReceivedReading.serde())
                        .withTimestampExtractor(ReceivedReading.eventTime(settings.futureTolerance().toMillis()))
                        .withName("read-" + readingsTopic));
        KStream<String, ReadingOutput> outputs = readings.process(
                () -> new ReadingProcessor(settings, events, reference), Named.as("process-ams-readings"),
                EmissionStores.SOURCES, EmissionStores.CONTRIBUTIONS, EmissionStores.SOURCE_PERIODS,
                EmissionStores.READING_CLOCK, EmissionStores.RECENT_EXCEEDANCES);

        // The processor forwards each output to the child of its route only: each of these sees one type.
        String rejected = EmissionTopics.AMS_READINGS.rejectedTopicName();
        outputs.mapValues(output -> ((ReadingOutput.Rejection) output).bytes(), named(ReadingOutput.Route.REJECTED))
                .to(rejected, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-" + rejected));
        outputs.mapValues(output -> ((ReadingOutput.ExceedanceEvent) output).event(),
                named(ReadingOutput.Route.EXCEEDANCES))
                .to(EmissionTopics.EXCEEDANCES.name(), EmissionTopics.EXCEEDANCES.produced());
        outputs.mapValues(output -> ((ReadingOutput.MonitoringEvent) output).event(),
                named(ReadingOutput.Route.MONITORING))
                .to(EmissionTopics.MONITORING.name(), EmissionTopics.MONITORING.produced());
        KStream<String, KpiDelta> readingDeltas = outputs.mapValues(output -> (KpiDelta) output,
                named(ReadingOutput.Route.KPI_DELTAS));

        KStream<String, KpiDelta> reportDeltas = Inputs.stream(builder, EmissionTopics.REPORTS)
                .process(() -> new ReportProcessor(reference, feeRates, registryRecheck()),
                        Named.as("process-emission-reports"), EmissionStores.REPORTS);

        Inputs.repartition(readingDeltas.merge(reportDeltas, Named.as("all-kpi-deltas")), "kpi-deltas", KpiDelta.SERDE)
                .process(() -> new KpiAggregationProcessor(settings, registryRecheck(), reference),
                        Named.as("sum-emission-kpis"), EmissionStores.KPI_TOTALS)
                .to(PlatformTopics.KPI_VALUES.name(), PlatformTopics.KPI_VALUES.produced());
    }

    /**
     * Counted reports are checked for a late KEP, and the registry's AMS counts are brought up to date with its
     * changes, as often as the registry-derived counts are refreshed.
     */
    private Duration registryRecheck() {
        Duration refresh = settings.referenceRefresh();
        return refresh.compareTo(MIN_KEP_RECHECK) < 0 ? MIN_KEP_RECHECK : refresh;
    }

    private static Named named(ReadingOutput.Route route) {
        return Named.as(route.child());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }
}
