package kz.taza.platform.schema;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import kz.taza.events.common.WriterSchema;
import kz.taza.platform.errors.DecodeFailure;
import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.errors.RejectedRecordHeaders.Stage;
import kz.taza.platform.access.KafkaAccessFailures;
import kz.taza.platform.kafka.KafkaClients;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.schemas.SchemaEvolution;
import kz.taza.schemas.codec.RuntimeSchemas;
import kz.taza.schemas.codec.SchemaSourceUnavailableException;
import kz.taza.schemas.codec.SingleObjectEncoding;
import kz.taza.schemas.codec.WriterSchemaSource;

/**
 * The service's side of the schema topic ({@link PlatformTopics#SCHEMAS}, compacted, keyed by fingerprint), the
 * pattern a schema registry uses for its own storage, without a registry server:
 * <ol>
 * <li>at start-up, before anything of the service writes, it reads the topic to its end, refuses to start when one of
 * the writer schemas the service writes with is not FULL_TRANSITIVE compatible with the versions of its type already
 * there (the error names the type, fingerprint, version and field), and publishes those not there yet;</li>
 * <li>then it follows the topic, and answers the service's codecs ({@link RuntimeSchemas}) for a fingerprint they do
 * not ship: a reader built with an older schema decodes a newer producer's messages into its own schema during a
 * rolling upgrade, instead of calling them unknown.</li>
 * </ol>
 * A record on the topic that is not a well-formed {@link WriterSchema} whose key is its schema's fingerprint is
 * quarantined (once per record in this process: every instance reads the whole topic) and skipped. The follower is part
 * of liveness: when it stops for any other reason, the instance is restarted, and until then a lookup it cannot answer
 * is an infrastructure failure ({@link SchemaSourceUnavailableException}), never a reason to quarantine a record.
 */
public class SchemaTopic implements SmartLifecycle, WriterSchemaSource {

    private static final Logger log = LoggerFactory.getLogger(SchemaTopic.class);
    private static final Topic<String, WriterSchema> TOPIC = PlatformTopics.SCHEMAS;

    private final KafkaClients clients;
    private final Quarantine quarantine;
    private final String applicationName;
    private final List<Schema> writerSchemas;
    private final Duration timeout;
    private final Clock clock;
    private final Map<Long, Schema> known = new ConcurrentHashMap<>();
    private final Map<Long, Long> publishedAt = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncs = new ConcurrentLinkedQueue<>();
    private Consumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;
    private RuntimeSchemas.Registration registration;
    private volatile Thread follower;
    private volatile boolean running;
    private volatile boolean following;

    /**
     * @param writerSchemas the schemas the service writes with (published at start-up)
     * @param timeout       how long start-up may take to read the topic, and a lookup to catch up with it
     */
    public SchemaTopic(KafkaClients clients, Quarantine quarantine, String applicationName,
            List<Schema> writerSchemas, Duration timeout, Clock clock) {
        this.clients = clients;
        this.quarantine = quarantine;
        this.applicationName = applicationName;
        this.writerSchemas = List.copyOf(writerSchemas);
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        consumer = clients.consumer("schemas", StringDeserializer.class, ByteArrayDeserializer.class);
        try {
            partitions = consumer.partitionsFor(TOPIC.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readTo(consumer.endOffsets(partitions, timeout), System.nanoTime() + timeout.toNanos());
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            throw KafkaAccessFailures.translate(e, clients.connectionSettings(), "DESCRIBE and READ",
                    List.of("topic " + TOPIC.name()), "reading the writer schemas at start-up");
        }
        List<String> refused = incompatible();
        if (!refused.isEmpty()) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            throw new IncompatibleSchemaException(applicationName, refused);
        }
        publishMissing();
        registration = RuntimeSchemas.register(this);
        running = true;
        following = true;
        follower = new Thread(this::follow, "schema-topic-" + applicationName);
        follower.setDaemon(true);
        follower.start();
    }

    /** The writer schema with this fingerprint, caught up with the topic first when it is not known yet. */
    @Override
    public Optional<Schema> find(long fingerprint) {
        Schema schema = known.get(fingerprint);
        if (schema != null) {
            return Optional.of(schema);
        }
        if (Thread.currentThread() == follower) {
            return Optional.empty(); // the follower decoding the topic itself: it cannot wait for itself
        }
        if (!following) {
            throw new SchemaSourceUnavailableException("the follower of " + TOPIC.name() + " is not running: "
                    + "cannot look up fingerprint " + SingleObjectEncoding.hex(fingerprint), null);
        }
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        syncs.add(caughtUp);
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaSourceUnavailableException("interrupted while looking up a schema", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaSourceUnavailableException("could not catch up with " + TOPIC.name() + " within "
                    + timeout + " to look up fingerprint " + SingleObjectEncoding.hex(fingerprint), e);
        }
        return Optional.ofNullable(known.get(fingerprint));
    }

    /** True while the follower reads the topic (and before it has been started). */
    public boolean isFollowing() {
        return following || !running;
    }

    private List<String> incompatible() {
        List<String> refused = new ArrayList<>();
        for (Schema schema : writerSchemas) {
            long fingerprint = SingleObjectEncoding.fingerprint(schema);
            if (known.containsKey(fingerprint)) {
                continue;
            }
            List<Schema> earlier = known.entrySet().stream()
                    .filter(entry -> entry.getValue().getFullName().equals(schema.getFullName()))
                    .sorted(Comparator.comparing(entry -> publishedAt.getOrDefault(entry.getKey(), 0L)))
                    .map(Map.Entry::getValue).toList();
            List<String> problems = SchemaEvolution.incompatibilities(schema, earlier);
            if (!problems.isEmpty()) {
                refused.add(schema.getFullName() + " (fingerprint " + SingleObjectEncoding.hex(fingerprint)
                        + ") against the " + earlier.size() + " version(s) on " + TOPIC.name() + ": "
                        + String.join("; ", problems));
            }
        }
        return refused;
    }

    private void publishMissing() {
        List<Schema> missing = writerSchemas.stream()
                .filter(schema -> !known.containsKey(SingleObjectEncoding.fingerprint(schema))).toList();
        if (missing.isEmpty()) {
            return;
        }
        Producer<String, byte[]> producer = clients.producer("schemas", StringSerializer.class,
                ByteArraySerializer.class, Map.of());
        List<Future<?>> sent = new ArrayList<>();
        for (Schema schema : missing) {
            long fingerprint = SingleObjectEncoding.fingerprint(schema);
            WriterSchema record = WriterSchema.newBuilder()
                    .setFingerprint(SingleObjectEncoding.hex(fingerprint))
                    .setFullName(schema.getFullName())
                    .setAvroSchema(schema.toString())
                    .setPublishedBy(applicationName)
                    .setPublishedAt(clock.instant())
                    .build();
            sent.add(producer.send(new ProducerRecord<>(TOPIC.name(), record.getFingerprint(),
                    TOPIC.valueSerde().serializer().serialize(TOPIC.name(), record))));
        }
        try {
            for (Future<?> ack : sent) {
                ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing writer schemas", e);
        } catch (ExecutionException | TimeoutException e) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            throw KafkaAccessFailures.named(e, clients.connectionSettings(), "WRITE", List.of("topic " + TOPIC.name()),
                    "publishing the service's writer schemas at start-up")
                    .orElseGet(() -> new IllegalStateException("could not publish " + missing.size()
                            + " writer schema(s) to " + TOPIC.name(), e));
        }
        missing.forEach(schema -> known.put(SingleObjectEncoding.fingerprint(schema), schema));
        log.info("Published {} writer schema(s) to {}", missing.size(), TOPIC.name());
    }

    private void follow() {
        Map<TopicPartition, Long> target = null;
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        try {
            while (running) {
                if (target == null && !syncs.isEmpty()) {
                    for (CompletableFuture<Void> sync; (sync = syncs.poll()) != null;) {
                        waiting.add(sync);
                    }
                    target = consumer.endOffsets(partitions, timeout);
                }
                apply(consumer.poll(Duration.ofMillis(100)));
                if (target != null && reached(target)) {
                    waiting.forEach(sync -> sync.complete(null));
                    waiting.clear();
                    target = null;
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Stopped following {}", TOPIC.name(), e);
            }
        } catch (RuntimeException e) {
            log.error("Stopped following {}: writer schemas this service does not ship cannot be resolved until "
                    + "it restarts (liveness is DOWN)", TOPIC.name(), e);
        } finally {
            following = false;
            waiting.forEach(sync -> sync.completeExceptionally(new IllegalStateException("follower stopped")));
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void readTo(Map<TopicPartition, Long> end, long deadline) {
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + TOPIC.name() + " to its end within " + timeout);
            }
            apply(consumer.poll(Duration.ofMillis(200)));
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), timeout) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue; // a tombstone removes nothing a reader may still need
            }
            try {
                Schema schema = schemaOf(record);
                long fingerprint = SingleObjectEncoding.fingerprint(schema);
                known.put(fingerprint, schema);
                publishedAt.putIfAbsent(fingerprint, record.timestamp());
            } catch (SchemaParseException | IllegalArgumentException | SerializationException e) {
                quarantine.quarantine(record.topic(), record.partition(), record.offset(),
                        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                        record.value(), record.headers(), Stage.DESERIALIZATION,
                        e instanceof SerializationException
                                ? DecodeFailure.of(e).name() : "NOT_A_WRITER_SCHEMA", e);
            }
        }
    }

    /** The schema a record of the topic holds; refuses one whose key is not its fingerprint. */
    private static Schema schemaOf(ConsumerRecord<String, byte[]> record) {
        WriterSchema published = TOPIC.value(record);
        Schema schema = new Schema.Parser().parse(published.getAvroSchema());
        String fingerprint = SingleObjectEncoding.hex(SingleObjectEncoding.fingerprint(schema));
        if (!fingerprint.equals(record.key()) || !fingerprint.equals(published.getFingerprint())) {
            throw new IllegalArgumentException("record key " + record.key() + " and fingerprint "
                    + published.getFingerprint() + " do not both name the schema's fingerprint " + fingerprint);
        }
        return schema;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (registration != null) {
            registration.close();
            registration = null;
        }
        if (follower != null) {
            consumer.wakeup();
            try {
                follower.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            follower = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the declared topics are ready, before anything that writes (Streams, command gateways, the web server). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }

    /** A writer schema of the service is not FULL_TRANSITIVE compatible with what the schema topic holds. */
    public static class IncompatibleSchemaException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IncompatibleSchemaException(String applicationName, List<String> refused) {
            super(applicationName + " refuses to start: " + refused.size() + " of its writer schema(s) are not "
                    + "FULL_TRANSITIVE compatible with the versions already published on " + TOPIC.name()
                    + " (a breaking change needs a new topic major version): " + String.join(" | ", refused));
        }
    }
}
