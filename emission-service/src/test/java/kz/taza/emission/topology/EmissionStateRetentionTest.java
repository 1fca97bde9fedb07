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
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.test.TopologyTestSupport;

/**
 * The per-interval and per-period state of the emission pipeline is let go once it is beyond the lateness horizon,
 * so it stays bounded however long the service runs. The stores are read through the driver. The record cache is
 * switched off here (and only here): it is a bounded LRU in front of the stores that may still hold an entry the store
 * has let go; what this test is about is the stores themselves.
 */
class EmissionStateRetentionTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final String F1 = "KZ-55-0001";
    private static final String INTERVAL_KEY = F1 + "|STACK-1|SO2";

    private TopologyTestDriver driver;
    private TestInputTopic<String, AmsReading> readings;
    private WindowStore<String, Double> contributions;
    private WindowStore<String, Long> sourcePeriods;

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
        assertThat(contributions.fetch(INTERVAL_KEY, first.toEpochMilli())).isCloseTo(0.05, within());
        assertThat(sourcePeriods.fetch(F1 + "|STACK-1|DAY", march1)).isEqualTo(1L);
        assertThat(sourcePeriods.fetch(F1 + "|STACK-1|MONTH", march1)).isEqualTo(1L);

        // when the stack's readings move on by eight days (the horizon is a week, kept with an hour's margin)
        Instant later = Instant.parse("2025-03-09T10:00:00Z");
        send(later);

        // then the 1 March interval is gone, the new one is there
        assertThat(contributions.fetch(INTERVAL_KEY, first.toEpochMilli())).isNull();
        assertThat(intervalStarts()).containsExactly(later);
        // and the period counts are still kept (March has two VALID intervals now): a reading inside the horizon may
        // still belong to March
        assertThat(sourcePeriods.fetch(F1 + "|STACK-1|DAY", march1)).isEqualTo(1L);
        assertThat(sourcePeriods.fetch(F1 + "|STACK-1|MONTH", march1)).isEqualTo(2L);

        // when the readings reach mid-April (horizon + the longest period + margin = 38 days and an hour later)
        driver.advanceWallClockTime(Duration.ofDays(40));
        Instant april = Instant.parse("2025-04-15T10:00:00Z");
        send(april);

        // then March's day and month counts are gone too, April's are there
        assertThat(sourcePeriods.fetch(F1 + "|STACK-1|DAY", march1)).isNull();
        assertThat(sourcePeriods.fetch(F1 + "|STACK-1|MONTH", march1)).isNull();
        assertThat(sourcePeriods.fetch(F1 + "|STACK-1|MONTH", Instant.parse("2025-03-31T19:00:00Z").toEpochMilli()))
                .isEqualTo(1L);
        assertThat(intervalStarts()).containsExactly(april);
    }

    private void send(Instant start) {
        readings.pipeInput(F1, reading(F1, start, 500, ReadingStatus.VALID), start.plus(Duration.ofMinutes(20)));
    }

    /** Window starts of every interval the contributions store still answers for. */
    private List<Instant> intervalStarts() {
        List<Instant> starts = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, Double> all = contributions.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, Double> entry = all.next();
                starts.add(entry.key.window().startTime());
            }
        }
        return starts;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
