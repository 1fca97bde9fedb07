package kz.taza.platform.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One entry of a topic catalogue: everything a producer, a consumer, a Streams topology and the start-up topic
 * declaration need to know about a topic, in one typed value. No other place in the code names a topic as a string.
 *
 * <p>Names follow {@code <domain>.<name>.v<major>}. Every topic a service reads is
 * {@linkplain #deadLettered() dead-lettered}: records that cannot be decoded or processed are routed, as their
 * original bytes, to {@link #rejectedTopicName()} ({@code <domain>.<name>-rejected.v<major>}), so that no record halts
 * a reader (every reader of the topic writes its dead letters there, naming itself in a header).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Topic<K, V> {

    /** How Kafka Streams ends the names of the repartition topics it creates. */
    public static final String REPARTITION_SUFFIX = "-repartition";
    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\.v[0-9]+$");

    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final int partitions;
    private final CleanupPolicy cleanupPolicy;
    private final Duration retention;
    private final Visibility visibility;
    private final boolean deadLettered;
    private final boolean externalInput;
    private final String description;

    private Topic(Builder<K, V> b) {
        this.name = requireName(b.name);
        this.keySerde = Objects.requireNonNull(b.keySerde, () -> "key serde of " + b.name);
        this.valueSerde = Objects.requireNonNull(b.valueSerde, () -> "value serde of " + b.name);
        if (b.partitions < 1) {
            throw new IllegalArgumentException("topic " + b.name + " needs at least one partition");
        }
        this.partitions = b.partitions;
        this.cleanupPolicy = Objects.requireNonNull(b.cleanupPolicy);
        this.retention = b.retention;
        this.visibility = Objects.requireNonNull(b.visibility);
        this.deadLettered = b.deadLettered;
        this.externalInput = b.externalInput;
        this.description = b.description == null ? "" : b.description;
    }

    /** Starts a catalogue entry for a topic with string keys, the common case in Taza. */
    public static Builder<String, byte[]> named(String name) {
        return new Builder<>(name, Serdes.String(), Serdes.ByteArray());
    }

    public String name() {
        return name;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public int partitions() {
        return partitions;
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    /** How long records are kept; empty means the broker's default (or forever for compacted state). */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    public Visibility visibility() {
        return visibility;
    }

    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    public boolean deadLettered() {
        return deadLettered;
    }

    /**
     * True for a topic that clients outside Taza write (the AMS gateways, directly or through the REST ingestion):
     * a record may be there more than once (a batch sent again after a lost answer), so a reader counts each by what
     * it is about, and no audit may expect its event ids to be unique.
     */
    public boolean isExternalInput() {
        return externalInput;
    }

    public String description() {
        return description;
    }

    /** The dead-letter topic of this topic: {@code permit.commands.v1} becomes {@code permit.commands-rejected.v1}. */
    public String rejectedTopicName() {
        return rejectedTopicNameOf(name);
    }

    /**
     * The dead-letter name for any topic name, by the same rule as {@link #rejectedTopicName()}; a name without a
     * major version (a Streams repartition topic, {@code <application id>-<name>-repartition}) gets
     * {@code -rejected} appended, so its dead letters stay under the application's internal-topic prefix.
     */
    public static String rejectedTopicNameOf(String topicName) {
        Matcher versioned = VERSION_SUFFIX.matcher(topicName);
        if (!versioned.find()) {
            return topicName + "-rejected";
        }
        return topicName.substring(0, versioned.start()) + "-rejected" + topicName.substring(versioned.start());
    }

    /** True for a repartition topic of the Streams application with this id ({@code <id>-<name>-repartition}). */
    public static boolean isRepartitionTopicOf(String applicationId, String topicName) {
        return applicationId != null && topicName.startsWith(applicationId + "-")
                && topicName.endsWith(REPARTITION_SUFFIX);
    }

    /** The catalogue entry of the dead-letter topic: raw bytes, same partitions, kept as long as the source. */
    public Topic<byte[], byte[]> rejectedTopic() {
        if (!deadLettered) {
            throw new IllegalStateException("topic " + name + " has no dead-letter topic");
        }
        Builder<byte[], byte[]> b = new Builder<>(rejectedTopicName(), Serdes.ByteArray(), Serdes.ByteArray());
        b.partitions = partitions;
        b.cleanupPolicy = CleanupPolicy.DELETE;
        b.retention = retention;
        b.visibility = Visibility.INTERNAL;
        b.description = "Records of " + name + " that could not be decoded or processed, as their original bytes, "
                + "with the error in headers";
        return new Topic<>(b);
    }

    /**
     * Decodes the value of a record a plain consumer read as raw bytes. A value that cannot be decoded throws Kafka's
     * {@code SerializationException}.
     */
    public V value(ConsumerRecord<?, byte[]> record) {
        return valueSerde.deserializer().deserialize(record.topic(), record.headers(), record.value());
    }

    /** How a Streams topology reads this topic. */
    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde).withName("read-" + name);
    }

    /** How a Streams topology writes this topic. */
    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde).withName("write-" + name);
    }

    /**
     * How a Streams topology keeps this topic's latest value per key in a named key-value store (a table or global
     * table of it, or a table derived with the same types), with this topic's serdes.
     */
    public Materialized<K, V, KeyValueStore<Bytes, byte[]>> materializedAs(String storeName) {
        return Materialized.<K, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(keySerde).withValueSerde(valueSerde);
    }

    /** The declaration the broker gets at start-up. */
    public NewTopic toNewTopic(int partitionCount, short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.kafkaValue());
        if (retention != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        return new NewTopic(name, partitionCount, replicationFactor).configs(configs);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String requireName(String name) {
        if (name == null || !name.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*\\.v[0-9]+")) {
            throw new IllegalArgumentException("topic name '" + name + "' does not follow <domain>.<name>.v<major>");
        }
        return name;
    }

    /** Cleanup policy of a topic. */
    public enum CleanupPolicy {
        DELETE("delete"), COMPACT("compact");

        private final String kafkaValue;

        CleanupPolicy(String kafkaValue) {
            this.kafkaValue = kafkaValue;
        }

        public String kafkaValue() {
            return kafkaValue;
        }
    }

    /** Public topics are a contract with other agencies and are documented in {@code docs/asyncapi.yaml}. */
    public enum Visibility {
        PUBLIC, INTERNAL
    }

    /** Builds a {@link Topic}; defaults: 6 partitions, delete policy, broker retention, internal, no dead letters. */
    public static final class Builder<K, V> {
        private final String name;
        private final Serde<K> keySerde;
        private final Serde<V> valueSerde;
        private int partitions = 6;
        private CleanupPolicy cleanupPolicy = CleanupPolicy.DELETE;
        private Duration retention;
        private Visibility visibility = Visibility.INTERNAL;
        private boolean deadLettered;
        private boolean externalInput;
        private String description;

        private Builder(String name, Serde<K> keySerde, Serde<V> valueSerde) {
            this.name = name;
            this.keySerde = keySerde;
            this.valueSerde = valueSerde;
        }

        private <K2, V2> Builder<K2, V2> copy(Serde<K2> keys, Serde<V2> values) {
            Builder<K2, V2> b = new Builder<>(name, keys, values);
            b.partitions = partitions;
            b.cleanupPolicy = cleanupPolicy;
            b.retention = retention;
            b.visibility = visibility;
            b.deadLettered = deadLettered;
            b.externalInput = externalInput;
            b.description = description;
            return b;
        }

        public <K2> Builder<K2, V> keys(Serde<K2> serde) {
            return copy(serde, valueSerde);
        }

        public <V2> Builder<K, V2> values(Serde<V2> serde) {
            return copy(keySerde, serde);
        }

        public Builder<K, V> partitions(int count) {
            this.partitions = count;
            return this;
        }

        public Builder<K, V> compacted() {
            this.cleanupPolicy = CleanupPolicy.COMPACT;
            return this;
        }

        public Builder<K, V> retention(Duration duration) {
            this.retention = duration;
            return this;
        }

        public Builder<K, V> publicTopic() {
            this.visibility = Visibility.PUBLIC;
            return this;
        }

        public Builder<K, V> deadLettered() {
            this.deadLettered = true;
            return this;
        }

        /** Written by clients outside Taza, which may repeat a record (see {@link Topic#isExternalInput()}). */
        public Builder<K, V> externalInput() {
            this.externalInput = true;
            return this;
        }

        public Builder<K, V> description(String text) {
            this.description = text;
            return this;
        }

        public Topic<K, V> build() {
            return new Topic<>(this);
        }
    }
}
