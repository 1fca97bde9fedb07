package kz.taza.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.topology.EmissionSettings;
import kz.taza.emission.topology.EmissionTopology;
import kz.taza.events.emission.AmsReading;
import kz.taza.platform.errors.DeadLetterPublisher;
import kz.taza.platform.errors.StreamsDeadLetterHandler;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.kafka.TazaStreamsSettings;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.TopicDeclarations;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The three Streams applications the benchmark runs (in {@link AppProcess}es), each with the settings the platform
 * gives every service ({@link TazaStreamsSettings} from the defaults of {@link TazaProperties}: exactly_once_v2, commit
 * interval 100 ms, one stream thread, no standbys, replication 1, RocksDB bounded to the services' budget, the
 * platform's dead-letter handlers), a fresh application id and a fresh state directory.
 */
final class StreamsApps {

    static final String BASELINE_STORE = "sums";

    /** What a process runs. */
    enum Kind {
        BASELINE, PIPELINE, PASS_THROUGH
    }

    private StreamsApps() {
    }

    /** What emission-service declares: its own catalogue, the permit topics it reads, and the platform's KPI topic. */
    static TopicDeclarations serviceTopics() {
        TopicCatalogue permitInputs = () -> List.of(PermitTopics.FACILITIES, PermitTopics.PERMITS);
        return new TopicDeclarations(List.of(new PlatformTopics(), new EmissionTopics(), permitInputs));
    }

    static Topology topology(Kind kind, AtomicLong processed) {
        return switch (kind) {
            case BASELINE -> baseline(EmissionTopics.AMS_READINGS.name(), processed);
            case PIPELINE -> pipeline();
            case PASS_THROUGH -> passThrough(Harness.PASS_THROUGH_IN, Harness.PASS_THROUGH_OUT);
        };
    }

    /**
     * The yardstick: decode each reading with the project's Avro codec and add its concentration to a per-facility sum
     * in a RocksDB store (cached, logged), counting what it processed.
     */
    static Topology baseline(String inputTopic, AtomicLong processed) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BASELINE_STORE),
                Serdes.String(), Serdes.Double()).withCachingEnabled());
        builder.stream(inputTopic, Consumed.with(Serdes.String(), AvroSerdes.of(AmsReading.class)))
                .process(() -> new Summing(processed), BASELINE_STORE);
        return builder.build();
    }

    /** The pass-through yardstick for latency: bytes in, the same bytes (and headers) out. */
    static Topology passThrough(String inputTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(outputTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    /**
     * The emission pipeline exactly as the service builds it: its {@link EmissionTopology} with the settings the
     * service's configuration defaults give (EmissionProperties' defaults are {@link EmissionSettings#defaults()}).
     */
    static Topology pipeline() {
        StreamsBuilder builder = new StreamsBuilder();
        new EmissionTopology(EmissionSettings.defaults(), new EventMetadataFactory("emission-service")).build(builder);
        return builder.build();
    }

    /** A service's Streams settings for the application, its dead letters going to {@code deadLetters}. */
    static Properties properties(BenchConnection connection, String applicationId, Path stateDir,
            DeadLetterPublisher deadLetters) {
        Map<String, Object> props = connection.client();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, applicationId);
        TazaStreamsSettings.apply(props, new TazaProperties(), stateDir.toString());
        props.put(StreamsDeadLetterHandler.PUBLISHER_CONFIG, deadLetters);
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    /** The platform's dead-letter publisher, with an idempotent producer of its own as a service's has. */
    static DeadLetterPublisher deadLetters(BenchConnection connection, String applicationId) {
        Map<String, Object> producer = new HashMap<>(connection.client());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dead-letters");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        return new DeadLetterPublisher(new KafkaProducer<>(producer, new ByteArraySerializer(),
                new ByteArraySerializer()), serviceTopics().deadLetteredTopicNames(), applicationId);
    }

    static Path freshStateDir(Path workDir, String applicationId) {
        try {
            Files.createDirectories(workDir);
            return Files.createTempDirectory(workDir, applicationId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Summing implements Processor<String, AmsReading, Void, Void> {
        private final AtomicLong processed;
        private KeyValueStore<String, Double> sums;

        Summing(AtomicLong processed) {
            this.processed = processed;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            sums = context.getStateStore(BASELINE_STORE);
        }

        @Override
        public void process(Record<String, AmsReading> record) {
            Double sum = sums.get(record.key());
            sums.put(record.key(), (sum == null ? 0.0 : sum) + record.value().getConcentrationMgNm3());
            processed.incrementAndGet();
        }
    }
}
