package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionFixtures;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.MonitoringGapDetected;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.PermitStatus;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.kafka.TazaStreamsSettings;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.TopicDeclarations;

/**
 * The state layout survives what exactly-once promises it survives: the emission pipeline runs on the shared broker,
 * takes in readings in order, a repeat, a correction, a late reading into an older block, a gap and an open episode;
 * its local state is then thrown away and rebuilt from the changelogs, and every store holds exactly what it held
 * before. Run on from the rebuilt state, the pipeline goes on as if nothing had happened: the open episode ends once,
 * a repeat is not counted again, and the KPI contributions still pending at the restart are handed on.
 *
 * <p>The application reads its topics from the beginning, so it also meets what other tests of this JVM wrote there
 * (including garbage, which it skips); its facilities are of region 79, which no other test uses, so the KPIs checked
 * here are this test's alone.
 */
class EmissionStateRestoreTest {

    private static final String REGION = "79";
    private static final String STACK_2 = "STACK-2";
    /** Serdes of the stores compared, as the topology writes them. */
    private static final Map<String, Serde<?>> KEY_VALUE_STORES = Map.of(
            EmissionStores.SOURCES, SourceState.SERDE,
            EmissionStores.READING_CLOCK, Serdes.Long(),
            EmissionStores.RECENT_EXCEEDANCES, StateSerdes.RECENT,
            EmissionStores.REPORTS, StateSerdes.REPORT_VERSION,
            EmissionStores.KPI_TOTALS, KpiTotal.SERDE);
    private static final Map<String, Serde<?>> WINDOW_STORES = Map.of(
            EmissionStores.CONTRIBUTIONS, CountedIntervals.SERDE,
            EmissionStores.SOURCE_PERIODS, Serdes.Long());

    private final String applicationId = TestNames.unique("emission-service-restore");
    private final String facilityX = TestNames.unique("KZ-79-X");
    /**
     * The first interval: 300 minutes before the last, which starts within the tolerance for gateways' clocks (5
     * minutes) of now. So this test's readings are the newest its partition has seen, whatever other tests wrote
     * there before: they move the readings' clock, and the gap check runs on it.
     */
    private final Instant base = Instant.ofEpochMilli(Math.floorDiv(Instant.now().plus(Duration.ofMinutes(5))
            .toEpochMilli(), 1_200_000L) * 1_200_000L).minus(Duration.ofMinutes(300));
    private final java.nio.file.Path stateDir = TestNames.stateDir();
    private KafkaStreams streams;

    @BeforeEach
    void topics() throws Exception {
        TopicCatalogue permitInputs = () -> List.of(PermitTopics.FACILITIES, PermitTopics.PERMITS);
        List<NewTopic> topics = List.of(new TopicDeclarations(List.of(new PlatformTopics(), new EmissionTopics(),
                permitInputs)).newTopics((short) 1, Map.of()));
        try (Admin admin = admin()) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    @AfterEach
    void stop() {
        if (streams != null) {
            close();
        }
    }

    /** Closes the application and takes its static member out of the group. */
    private void close() {
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }

    @Test
    void stateRebuiltFromTheChangelogsEqualsTheStateBeforeAndTheRebuiltPipelineCountsNothingTwice() throws Exception {
        // given facility X with two AMS-required stacks and a permit limiting SO2 at STACK-1 to 400 mg/Nm3
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityX, facility(facilityX)));
        KafkaTestClients.send(PermitTopics.PERMITS,
                Map.entry(facilityX, EmissionFixtures.permit(facilityX, PermitStatus.ACTIVE, 400.0)));

        // and the pipeline, handing no KPI contribution on (so that its state stands still once it has read)
        start(Duration.ofHours(1));
        send(otherStack(reading(facilityX, at(0), 100, ReadingStatus.VALID))); // then silent: a gap
        send(reading(facilityX, at(0), 300, ReadingStatus.VALID));
        send(reading(facilityX, Pollutant.NOX, at(0), 100, 300_000.0, ReadingStatus.VALID));
        send(reading(facilityX, at(20), 300, ReadingStatus.VALID));
        send(reading(facilityX, Pollutant.NOX, at(20), 100, 300_000.0, ReadingStatus.CALIBRATION));
        send(reading(facilityX, at(40), 300, ReadingStatus.VALID));
        send(reading(facilityX, at(260), 300, ReadingStatus.VALID)); // past the four-hour block of the first
        send(reading(facilityX, at(280), 450, ReadingStatus.VALID)); // above the limit: an episode opens
        send(reading(facilityX, at(60), 300, ReadingStatus.VALID)); // late
        send(reading(facilityX, at(20), 300, ReadingStatus.VALID)); // a repeat
        send(reading(facilityX, Pollutant.NOX, at(20), 100, 300_000.0, ReadingStatus.VALID)); // a correction
        awaitCommitted();
        Map<String, String> before = snapshot();
        assertThat(before).anySatisfy((key, value) -> assertThat(key).startsWith(EmissionStores.CONTRIBUTIONS)
                .contains("|" + facilityX + "|STACK-1|SO2@"));
        assertThat(exceedances(facilityX)).singleElement().isInstanceOf(ThresholdExceeded.class);
        assertThat(readAll(EmissionTopics.MONITORING)).filteredOn(r -> facilityX.equals(r.key()))
                .singleElement().satisfies(r -> assertThat(((MonitoringGapDetected) r.value()).getSourceId())
                        .isEqualTo(STACK_2));

        // when its local state is lost and rebuilt from the changelogs
        close();
        streams.cleanUp();
        start(Duration.ofHours(1));

        // then every store holds what it held
        assertThat(snapshot()).isEqualTo(before);

        // and run on from there, the open episode ends once and a repeat of its start changes nothing
        send(reading(facilityX, at(280), 450, ReadingStatus.VALID));
        send(reading(facilityX, at(300), 300, ReadingStatus.VALID));
        awaitCommitted();
        List<SpecificRecord> events = exceedances(facilityX);
        assertThat(events).hasSize(2);
        assertThat(((ExceedanceEnded) events.get(1)).getEpisodeId())
                .isEqualTo(((ThresholdExceeded) events.get(0)).getEpisodeId());

        // when it is rebuilt once more and hands its KPI contributions on
        close();
        streams.cleanUp();
        start(Duration.ofMillis(200));

        // then every distinct VALID interval counted once, and one exceedance
        // (STACK-1: SO2 at 0, 20, 40, 60, 260, 280 and 300 minutes, NOX at 0 and 20; STACK-2: SO2 at 0), each interval
        // in its Kazakhstan month
        long[][] valid = {{0, 300}, {20, 300}, {40, 300}, {60, 300}, {260, 300}, {280, 450}, {300, 300}, {0, 100},
            {20, 100}, {0, 100}};
        Map<String, Double> tonnes = new TreeMap<>();
        Map<String, Long> intervals = new TreeMap<>();
        for (long[] interval : valid) {
            tonnes.merge(month(at(interval[0])), EmissionMass.tonnes(interval[1], 300_000.0, 20), Double::sum);
            intervals.merge(month(at(interval[0])), 1L, Long::sum);
        }
        await("KPIs").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, KpiValue> kpis = kpis();
            tonnes.forEach((month, total) -> {
                String key = "emissions.measured.tonnes|REGION:" + REGION + "|" + month;
                assertThat(kpis).containsKey(key);
                assertThat(kpis.get(key).getValue()).isCloseTo(total, within(1e-9));
                assertThat(kpis.get(key).getInputEvents()).isEqualTo(intervals.get(month));
            });
            String exceedances = "emissions.exceedances.count|REGION:" + REGION + "|" + month(at(280));
            assertThat(kpis).containsKey(exceedances);
            assertThat(kpis.get(exceedances).getValue()).isEqualTo(1.0);
        });
    }

    /** The KPI period of the Kazakhstan month an interval starts in. */
    private static String month(Instant start) {
        return "MONTH:" + LocalDate.ofInstant(start, ZoneOffset.ofHours(5)).withDayOfMonth(1);
    }

    private void start(Duration kpiFlushInterval) throws InterruptedException {
        EmissionSettings settings = new EmissionSettings(ZoneOffset.ofHours(5), Duration.ofMinutes(5),
                EmissionSettings.defaults().monitoredPollutants(), EmissionSettings.defaults().requiredPollutants(),
                20, Duration.ofMinutes(60), Duration.ofMinutes(1), kpiFlushInterval, Duration.ZERO, 20,
                EmissionSettings.DEFAULT_MAX_READING_LATENESS);
        StreamsBuilder builder = new StreamsBuilder();
        new EmissionTopology(settings, new EventMetadataFactory("emission-service")).build(builder);
        Map<String, Object> props = new HashMap<>(SharedKafkaBroker.get().clientProperties(
                SharedKafkaBroker.get().login("emission-service")));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        TazaStreamsSettings.apply(props, new TazaProperties(), stateDir.toString());
        // Other tests of this JVM wrote garbage to the readings topic; this one has no dead-letter publisher for it.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        props.remove(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);
        props.remove(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
        // A static member: each start takes the tasks over at once instead of waiting out the last one's session.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), applicationId + "-1");
        Properties properties = new Properties();
        properties.putAll(props);
        streams = new KafkaStreams(builder.build(), properties);
        streams.start();
        await("RUNNING").atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    /**
     * Every entry of every per-task store, as store|partition|key (|key@window for window stores) -> value bytes: per
     * partition, since the clock's two keys are in every task's store.
     */
    private Map<String, String> snapshot() {
        Map<String, String> all = new TreeMap<>();
        await("stores queryable").atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            all.clear();
            for (int partition = 0; partition < EmissionTopics.PARTITIONS; partition++) {
                int p = partition;
                KEY_VALUE_STORES.forEach((name, serde) -> readKeyValues(name, p, serde, all));
                WINDOW_STORES.forEach((name, serde) -> readWindows(name, p, serde, all));
            }
        });
        return all;
    }

    @SuppressWarnings("unchecked")
    private <V> void readKeyValues(String name, int partition, Serde<?> serde, Map<String, String> into) {
        try (KeyValueIterator<String, V> it = streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition)).all()) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                into.put(name + "|" + partition + "|" + entry.key,
                        hex(((Serde<V>) serde).serializer().serialize(name, entry.value)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <V> void readWindows(String name, int partition, Serde<?> serde, Map<String, String> into) {
        try (KeyValueIterator<Windowed<String>, V> it = streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, V>windowStore()).withPartition(partition)).all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, V> entry = it.next();
                into.put(name + "|" + partition + "|" + entry.key.key() + "@" + entry.key.window().start(),
                        hex(((Serde<V>) serde).serializer().serialize(name, entry.value)));
            }
        }
    }

    /** Waits until the application has committed every record of its input topics. */
    private void awaitCommitted() {
        List<String> inputs = List.of(EmissionTopics.AMS_READINGS.name(), EmissionTopics.REPORTS.name(),
                applicationId + "-kpi-deltas-repartition");
        await("committed").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Admin admin = admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                for (String topic : inputs) {
                    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                            .partitions().size();
                    for (int p = 0; p < partitions; p++) {
                        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                    }
                }
                return admin.listOffsets(request).all().get().entrySet().stream().allMatch(end ->
                        end.getValue().offset() == 0 || committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() >= end.getValue().offset());
            }
        });
    }

    private List<SpecificRecord> exceedances(String facilityId) {
        return readAll(EmissionTopics.EXCEEDANCES).stream().filter(r -> facilityId.equals(r.key()))
                .map(ConsumerRecord::value).toList();
    }

    private Map<String, KpiValue> kpis() {
        Map<String, KpiValue> latest = new HashMap<>();
        for (ConsumerRecord<String, KpiValue> r : readAll(PlatformTopics.KPI_VALUES)) {
            latest.put(r.key(), r.value());
        }
        return latest;
    }

    /** The topic's committed records, from the beginning to its end as it is now. */
    private static <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
        Map<String, Object> props = KafkaTestClients.asAdmin(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await("read " + topic.name()).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return records;
    }

    private static void send(AmsReading reading) {
        KafkaTestClients.send(EmissionTopics.AMS_READINGS, Map.entry(reading.getFacilityId(), reading));
    }

    private Instant at(long minutes) {
        return base.plus(Duration.ofMinutes(minutes));
    }

    private static Facility facility(String facilityId) {
        Facility facility = EmissionFixtures.facility(facilityId, REGION, FacilityCategory.II, "energy", false);
        List<EmissionSource> sources = new ArrayList<>(facility.getSources());
        sources.add(EmissionSource.newBuilder(sources.get(0)).setSourceId(STACK_2).setName("Second stack").build());
        facility.setSources(sources);
        return facility;
    }

    private static AmsReading otherStack(AmsReading reading) {
        reading.setSourceId(STACK_2);
        return reading;
    }

    private static Admin admin() {
        return Admin.create(KafkaTestClients.asAdmin(Map.of()));
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : HexFormat.of().formatHex(bytes);
    }
}
