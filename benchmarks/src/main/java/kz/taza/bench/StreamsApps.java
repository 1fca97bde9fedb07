package kz.taza.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
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
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.TopicDeclarations;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The three Streams applications the tool runs in its own JVM, each with exactly_once_v2 and the services' commit
 * interval (100 ms, {@code taza.streams.commit-interval-ms}'s default), one stream thread (the services' default), a
 * fresh application id and a fresh state directory.
 */
final class StreamsApps {

    /** {@code taza.streams.commit-interval-ms} default, which every service runs with. */
    static final long COMMIT_INTERVAL_MS = 100;
    static final String BASELINE_STORE = "sums";

    private StreamsApps() {
    }

    /** What emission-service declares: its own catalogue, the permit topics it reads, and the platform's KPI topic. */
    static TopicDeclarations serviceTopics() {
        TopicCatalogue permitInputs = () -> List.of(PermitTopics.FACILITIES, PermitTopics.PERMITS);
        return new TopicDeclarations(List.of(new PlatformTopics(), new EmissionTopics(), permitInputs));
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

    /** The settings the platform gives a service's Streams application (TazaKafkaAutoConfiguration). */
    static Properties properties(String bootstrapServers, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    /** As {@link #properties}, plus the platform's dead-letter routing of bad input records. */
    static Properties serviceProperties(String bootstrapServers, String applicationId, Path stateDir,
            DeadLetterPublisher deadLetters) {
        Properties props = properties(bootstrapServers, applicationId, stateDir);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsDeadLetterHandler.PUBLISHER_CONFIG, deadLetters);
        return props;
    }

    /** The platform's dead-letter publisher, with an idempotent producer of its own as a service's has. */
    static DeadLetterPublisher deadLetters(String bootstrapServers, String applicationId) {
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dead-letters",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all");
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

    static KafkaStreams create(Topology topology, Properties props) {
        return new KafkaStreams(topology, props);
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
