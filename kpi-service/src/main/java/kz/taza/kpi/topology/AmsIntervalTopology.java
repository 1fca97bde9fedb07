package kz.taza.kpi.topology;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.events.emission.AmsReading;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The AMS intervals of each facility as its gateways sent them, kept for {@code retention} (as far back as the
 * facility page shows them): one entry per facility, source, pollutant and interval start, a resent interval replacing
 * the earlier one. The store is partitioned like {@code emission.ams-readings.v1}, by facility, so a facility's
 * intervals are on the instance owning its partition and other instances forward the read.
 *
 * <p>The readings are read through the platform's quarantine ({@link Inputs}), as every reader of the topic reads them:
 * a record that does not decode goes to {@code emission.ams-readings-rejected.v1} in this application's transaction,
 * named as rejected by it. A reading starting more than a day after this instance's clock is skipped (logged): it would
 * move the store's stream time ahead and expire every interval kept.
 */
public final class AmsIntervalTopology implements StreamsTopology {

    private static final Logger log = LoggerFactory.getLogger(AmsIntervalTopology.class);
    /** How far ahead of this instance's clock an interval may start and still be kept. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    /** The nominal interval length (20 minutes); a store entry is one interval, whatever its length. */
    private static final Duration INTERVAL = Duration.ofMinutes(20);

    private final Duration retention;
    private final Clock clock;

    public AmsIntervalTopology(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** How long intervals are kept, back from the newest one. */
    public Duration retention() {
        return retention;
    }

    /** The store key of an interval: {@code facilityId|sourceId|pollutant}. */
    public static String key(AmsReading reading) {
        return facilityPrefix(reading.getFacilityId()) + reading.getSourceId() + '|' + reading.getPollutant();
    }

    /** The start of every store key of the facility. */
    public static String facilityPrefix(String facilityId) {
        return facilityId + '|';
    }

    @Override
    public void build(StreamsBuilder builder) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(KpiStores.AMS_INTERVALS, retention, INTERVAL, false),
                Serdes.String(), AvroSerdes.of(AmsReading.class)).withCachingDisabled());
        Inputs.stream(builder, EmissionTopics.AMS_READINGS)
                .process(() -> new IntervalProcessor(clock), Named.as("keep-ams-intervals"), KpiStores.AMS_INTERVALS);
    }

    private static final class IntervalProcessor implements Processor<String, AmsReading, Void, Void> {
        private final Clock clock;
        private ProcessorContext<Void, Void> context;
        private WindowStore<String, AmsReading> store;

        IntervalProcessor(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(KpiStores.AMS_INTERVALS);
        }

        @Override
        public void process(Record<String, AmsReading> record) {
            AmsReading reading = record.value();
            if (reading == null) {
                return;
            }
            long start = reading.getIntervalStart().toEpochMilli();
            if (start > clock.millis() + FUTURE_TOLERANCE.toMillis()) {
                log.warn("Skipping an AMS interval of {} starting at {}, in the future ({})", reading.getFacilityId(),
                        reading.getIntervalStart(), where());
                return;
            }
            store.put(key(reading), reading, start);
        }

        private String where() {
            return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
        }
    }
}
