package kz.taza.emission.topology;

import java.time.Duration;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.MonitoringGapDetected;
import kz.taza.events.emission.MonitoringResumed;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The emission pipeline: AMS readings are validated, compared with permit limits (exceedance episodes), watched for
 * monitoring gaps and turned into measured-emission and AMS KPIs ({@link ReadingProcessor}); annual reports become the
 * reported-emission KPIs ({@link ReportProcessor}); KPI changes meet per KPI and scope and are published on
 * {@code kpi.values.v1} ({@link KpiAggregationProcessor}).
 *
 * <p>The facility registry and the permits are GlobalKTables: small reference data, on every instance, read without
 * repartitioning the readings. Everything else is keyed by facilityId as the readings are, so per-facility state never
 * leaves its task; only the KPI changes (a few per KPI, scope and period per flush interval) are repartitioned.
 *
 * <p>State stays bounded for a national fleet: what is kept per interval (to count each reading once) and per source
 * and period (to count transmitting sources) lives in window stores whose retention is the lateness horizon
 * ({@code taza.emission.max-reading-lateness}), so RocksDB drops old segments whole, without scans or deletes, and the
 * changelogs (compact,delete, retention = store retention + {@code windowstore.changelog.additional.retention.ms})
 * shrink with them. The other stores are keyed by facility, source or KPI period: they grow with the fleet and by a
 * few keys per period, not with every interval.
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

    private final EmissionSettings settings;
    private final EventMetadataFactory events;

    /**
     * @param events metadata of the exceedance and monitoring events the readings cause
     */
    public EmissionTopology(EmissionSettings settings, EventMetadataFactory events) {
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void build(StreamsBuilder builder) {
        builder.globalTable(PermitTopics.FACILITIES.name(), PermitTopics.FACILITIES.consumed(),
                PermitTopics.FACILITIES.materializedAs(EmissionStores.FACILITIES));
        builder.globalTable(PermitTopics.PERMITS.name(), PermitTopics.PERMITS.consumed(),
                PermitTopics.PERMITS.materializedAs(EmissionStores.PERMITS));

        // Per-interval and per-period state only within the lateness horizon: window stores drop whole segments
        // once they fall out of retention, and their changelogs are compact,delete with the same retention.
        // No cache on the contributions: each interval key is written about once, so a cache would save no writes,
        // and it would go on answering for intervals the store has already let go.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EmissionStores.CONTRIBUTIONS, settings.intervalRetention(),
                        Duration.ofMinutes(settings.intervalMinutes()), false),
                Serdes.String(), Serdes.Double()).withLoggingEnabled(WINDOWED_CHANGELOG));
        // A source's period count changes with every VALID interval: the cache folds those into one write.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EmissionStores.SOURCE_PERIODS, settings.periodRetention(),
                        Duration.ofDays(1), false),
                Serdes.String(), Serdes.Long()).withCachingEnabled().withLoggingEnabled(WINDOWED_CHANGELOG));
        builder.addStateStore(persistent(EmissionStores.READING_CLOCK, Serdes.Long()));
        builder.addStateStore(persistent(EmissionStores.EPISODES, StateSerdes.EPISODE));
        builder.addStateStore(persistent(EmissionStores.MONITORING, StateSerdes.MONITORING));
        builder.addStateStore(persistent(EmissionStores.RECENT_EXCEEDANCES, StateSerdes.RECENT));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EmissionStores.PENDING_KPI),
                Serdes.String(), KpiDelta.SERDE).withCachingEnabled());
        builder.addStateStore(persistent(EmissionStores.REPORTS, StateSerdes.REPORT_VERSION));
        builder.addStateStore(persistent(EmissionStores.KPI_TOTALS, KpiTotal.SERDE));

        String readingsTopic = EmissionTopics.AMS_READINGS.name();
        KStream<String, ReceivedReading> readings = builder.stream(readingsTopic,
                Consumed.with(Serdes.String(), ReceivedReading.serde())
                        .withTimestampExtractor(ReceivedReading.eventTime(settings.futureTolerance().toMillis()))
                        .withName("read-" + readingsTopic));
        KStream<String, Object> readingOutputs = readings.process(() -> new ReadingProcessor(settings, events),
                Named.as("process-ams-readings"), EmissionStores.CONTRIBUTIONS, EmissionStores.SOURCE_PERIODS,
                EmissionStores.READING_CLOCK, EmissionStores.EPISODES, EmissionStores.MONITORING,
                EmissionStores.RECENT_EXCEEDANCES, EmissionStores.PENDING_KPI);

        Map<String, KStream<String, Object>> outputs = readingOutputs.split(Named.as("ams-"))
                .branch((key, value) -> value instanceof ReadingProcessor.RejectedBytes, Branched.as("rejected"))
                .branch((key, value) -> value instanceof ThresholdExceeded || value instanceof ExceedanceEnded,
                        Branched.as("exceedances"))
                .branch((key, value) -> value instanceof MonitoringGapDetected || value instanceof MonitoringResumed,
                        Branched.as("monitoring"))
                .branch((key, value) -> value instanceof KpiDelta, Branched.as("kpi-deltas"))
                .noDefaultBranch();

        outputs.get("ams-rejected")
                .mapValues(value -> ((ReadingProcessor.RejectedBytes) value).bytes(), Named.as("rejected-bytes"))
                .to(EmissionTopics.AMS_READINGS.rejectedTopicName(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("write-" + EmissionTopics.AMS_READINGS.rejectedTopicName()));
        outputs.get("ams-exceedances")
                .mapValues(value -> (SpecificRecord) value, Named.as("exceedance-events"))
                .to(EmissionTopics.EXCEEDANCES.name(), EmissionTopics.EXCEEDANCES.produced());
        outputs.get("ams-monitoring")
                .mapValues(value -> (SpecificRecord) value, Named.as("monitoring-events"))
                .to(EmissionTopics.MONITORING.name(), EmissionTopics.MONITORING.produced());

        KStream<String, Object> reportDeltas = builder
                .stream(EmissionTopics.REPORTS.name(), EmissionTopics.REPORTS.consumed())
                .process(ReportProcessor::new, Named.as("process-emission-reports"), EmissionStores.REPORTS);

        outputs.get("ams-kpi-deltas")
                .merge(reportDeltas, Named.as("all-kpi-deltas"))
                .mapValues(value -> (KpiDelta) value, Named.as("kpi-delta"))
                .repartition(Repartitioned.with(Serdes.String(), KpiDelta.SERDE).withName("kpi-deltas"))
                .process(() -> new KpiAggregationProcessor(settings), Named.as("sum-emission-kpis"),
                        EmissionStores.KPI_TOTALS)
                .to(PlatformTopics.KPI_VALUES.name(), PlatformTopics.KPI_VALUES.produced());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }
}
