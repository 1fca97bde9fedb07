package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.test.TopologyTestSupport;

/**
 * The per-interval and per-period state of the emission pipeline is let go once it is beyond the lateness horizon,
 * so it stays bounded however long the service runs. The stores are read through the driver: what the pipeline
 * remembers of an interval or a period is in its source's record while it is the newest, and in a window store
 * after that. The record cache is switched off here (and only here): it is a bounded LRU in front of the stores that
 * may still hold an entry the store has let go; what this test is about is the stores themselves.
 */
class EmissionStateRetentionTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final String F1 = "KZ-55-0001";
    private static final String SOURCE_KEY = F1 + "|STACK-1";
    private static final String INTERVAL_KEY = SOURCE_KEY + "|SO2";

    private TopologyTestDriver driver;
    private TestInputTopic<String, AmsReading> readings;
    private KeyValueStore<String, SourceState> sources;
    private WindowStore<String, CountedIntervals> contributions;
    private WindowStore<String, Long> sourcePeriods;
    private final PeriodClock days = new PeriodClock(EmissionSettings.defaults().zone());

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        new EmissionTopology(EmissionSettings.defaults().withReferenceRefresh(Duration.ZERO),
                new EventMetadataFactory("emission-service")).build(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TestNames.unique("retention-test"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestNames.stateDir().toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(builder.build(), props, NOW);
        TopologyTestSupport.input(driver, PermitTopics.FACILITIES).pipeInput(F1, facility(F1));
        readings = TopologyTestSupport.input(driver, EmissionTopics.AMS_READINGS);
        sources = driver.getKeyValueStore(EmissionStores.SOURCES);
        contributions = driver.getWindowStore(EmissionStores.CONTRIBUTIONS);
        sourcePeriods = driver.getWindowStore(EmissionStores.SOURCE_PERIODS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void intervalsAndPeriodsBeyondTheHorizonAreGoneFromTheStoresOnceReadingsMoveOn() {
        // given a VALID interval on 1 March (the Kazakhstan day and month both begin at 19:00 UTC on 28 February)
        Instant first = Instant.parse("2025-03-01T10:00:00Z");
        long march1 = Instant.parse("2025-02-28T19:00:00Z").toEpochMilli();
        send(first);
        assertThat(counted(first)).isEqualTo(50_000L); // grams
        assertThat(periodCount(KpiGranularity.DAY, march1)).isEqualTo(1L);
        assertThat(periodCount(KpiGranularity.MONTH, march1)).isEqualTo(1L);

        // when the stack's readings move on by eight days (the horizon is a week, kept with an hour's margin)
        Instant later = Instant.parse("2025-03-09T10:00:00Z");
        send(later);

        // then the 1 March interval is gone, the new one is there
        assertThat(counted(first)).isNull();
        assertThat(intervalStarts()).containsExactly(later);
        // and the period counts are still kept (March has two VALID intervals now): a reading inside the horizon may
        // still belong to March
        assertThat(periodCount(KpiGranularity.DAY, march1)).isEqualTo(1L);
        assertThat(periodCount(KpiGranularity.MONTH, march1)).isEqualTo(2L);

        // when the readings reach mid-April (horizon + the longest period + margin = 38 days and an hour later)
        driver.advanceWallClockTime(Duration.ofDays(40));
        Instant april = Instant.parse("2025-04-15T10:00:00Z");
        send(april);

        // then March's day and month counts are gone too, April's are there
        assertThat(periodCount(KpiGranularity.DAY, march1)).isNull();
        assertThat(periodCount(KpiGranularity.MONTH, march1)).isNull();
        assertThat(periodCount(KpiGranularity.MONTH, Instant.parse("2025-03-31T19:00:00Z").toEpochMilli()))
                .isEqualTo(1L);
        assertThat(intervalStarts()).containsExactly(april);
    }

    private void send(Instant start) {
        readings.pipeInput(F1, reading(F1, start, 500, ReadingStatus.VALID), start.plus(Duration.ofMinutes(20)));
    }

    /** What the pipeline counted for the interval: from the source's record (the newest block) or an older block. */
    private Long counted(Instant start) {
        long at = start.toEpochMilli();
        SeriesState series = series();
        CountedIntervals block = series == null || series.recent == null || !series.recent.covers(at)
                ? contributions.fetch(INTERVAL_KEY, CountedIntervals.blockOf(at)) : series.recent;
        long counted = block == null ? CountedIntervals.NOTHING : block.counted(at);
        return counted == CountedIntervals.NOTHING ? null : counted;
    }

    /** Starts of every interval the pipeline still answers for: in the source's record and the older blocks. */
    private List<Instant> intervalStarts() {
        List<Instant> starts = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, CountedIntervals> all = contributions.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, CountedIntervals> entry = all.next();
                addStarts(starts, entry.value);
            }
        }
        SeriesState series = series();
        if (series != null && series.recent != null) {
            addStarts(starts, series.recent);
        }
        return starts;
    }

    private static void addStarts(List<Instant> starts, CountedIntervals block) {
        for (int i = 0; i < block.size(); i++) {
            starts.add(Instant.ofEpochMilli(block.startAt(i)));
        }
    }

    /** VALID intervals the pipeline counts for the stack in the period: from its record (the newest) or older ones. */
    private Long periodCount(KpiGranularity granularity, long periodStart) {
        SourceState state = sources.get(SOURCE_KEY);
        if (state != null && state.periods.start(granularity) != SourcePeriods.NONE
                && days.startOfDayMillis(state.periods.start(granularity)) == periodStart) {
            return state.periods.count(granularity);
        }
        return sourcePeriods.fetch(SOURCE_KEY + "|" + granularity.name(), periodStart);
    }

    private SeriesState series() {
        SourceState state = sources.get(SOURCE_KEY);
        return state == null ? null : state.allSeries().get(Pollutant.SO2);
    }
}
