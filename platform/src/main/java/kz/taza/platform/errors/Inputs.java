package kz.taza.platform.errors;

import java.util.Map;
import java.util.function.BiPredicate;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import kz.taza.platform.topic.Topic;

/**
 * How a Taza topology reads its inputs, so that no record halts it: every input is read as bytes and decoded inside the
 * topology, and a record that does not decode goes to its topic's dead-letter topic, with its original bytes and the
 * error in headers ({@link RejectedRecordHeaders}), while the topology goes on with the next record.
 *
 * <ul>
 * <li>In stream tasks ({@link #stream}, {@link #received}, {@link #table}, {@link #repartition}) the dead letter is a
 * sink of the same sub-topology: it is written by the task's own producer in the task's exactly-once transaction, so a
 * retry writes no second dead letter and an aborted transaction leaves none.</li>
 * <li>A table keeps the previous value of a key whose new record is quarantined: reference data is never silently
 * replaced by garbage, nor deleted by it.</li>
 * <li>Global stores ({@link #globalTable}, {@link #globalStore}) decode and check in their own processor, on the global
 * thread, which also
 * runs it when it restores the store (a GlobalKTable would restore raw bytes, bypassing every check); there is no
 * transaction, and the processing exception handler does not apply there, so the processor quarantines through the
 * service's {@link Quarantine} (once per record and process) and lets every other error stop the application. A
 * reader that keeps something derived from a global store's values learns each key the store changes from the
 * {@link GlobalStoreChanges} the method returns.</li>
 * </ul>
 * Topics read this way must be {@linkplain Topic#deadLettered() dead-lettered} (or be the application's repartition
 * topics), or the topology refuses to build. Every quarantined record is counted by the service's {@link Quarantine}.
 */
public final class Inputs {

    private Inputs() {
    }

    /** The topic's records, decoded. */
    public static <V> KStream<String, V> stream(StreamsBuilder builder, Topic<String, V> topic) {
        return received(builder, topic).mapValues(Received::value, Named.as("decoded-" + topic.name()));
    }

    /** The topic's records, decoded, with the bytes each was decoded from, for a processor that may reject them. */
    public static <V> KStream<String, Received<V>> received(StreamsBuilder builder, Topic<String, V> topic) {
        requireDeadLettered(topic);
        KStream<String, byte[]> raw = builder.stream(topic.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + topic.name()));
        return decode(raw, topic.name(), topic.name(), topic.rejectedTopicName(), topic.valueSerde());
    }

    /**
     * The topic as a table in a store of its own ({@code storeName}, logged): the latest decoded value per key, a
     * tombstone deleting it; a quarantined record leaves the key's previous value in place.
     */
    public static <V> KTable<String, V> table(StreamsBuilder builder, Topic<String, V> topic, String storeName) {
        return stream(builder, topic).toTable(Named.as("table-" + topic.name()),
                Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                        .withKeySerde(topic.keySerde()).withValueSerde(topic.valueSerde()));
    }

    /**
     * Re-keys nothing but moves the records through a repartition topic of the application
     * ({@code <application id>-<name>-repartition}), written as the serde's bytes and decoded again on the other side,
     * where a record that does not decode goes to {@code <application id>-<name>-repartition-rejected}. Use after a
     * step that changed the key, instead of letting a grouping repartition implicitly.
     */
    public static <V> KStream<String, V> repartition(KStream<String, V> stream, String name, Serde<V> values) {
        KStream<String, byte[]> raw = stream
                .mapValues((key, value) -> values.serializer().serialize(name, value), Named.as(name + "-encode"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(name));
        // The topic's real name carries the application id, known only when the topology runs: the decode step
        // learns it from the record's metadata, and the dead letter goes to that name plus "-rejected".
        return decode(raw, name, null, null, values).mapValues(Received::value, Named.as(name + "-decoded"));
    }

    /**
     * A global store ({@code storeName}, a timestamped key-value store as a GlobalKTable's) of the topic on every
     * instance, filled by a processor that decodes each record and checks it with {@code check}: a record that does
     * not decode or fails the check is quarantined and the key keeps its previous value.
     *
     * @param check what makes a decoded value unfit as reference data (a key that is not the value's own id, ...)
     * @return the keys the store changes, for readers that keep what they derive from its values
     */
    public static <V> GlobalStoreChanges globalTable(StreamsBuilder builder, Topic<String, V> topic, String storeName,
            ReferenceCheck<V> check) {
        return globalTable(builder, topic, storeName, check, (key, value) -> true);
    }

    /**
     * As {@link #globalTable(StreamsBuilder, Topic, String, ReferenceCheck)}, keeping only the values {@code keep}
     * selects (a store of the part of a topic a service reads); the others are good records and simply not kept.
     */
    public static <V> GlobalStoreChanges globalTable(StreamsBuilder builder, Topic<String, V> topic, String storeName,
            ReferenceCheck<V> check, BiPredicate<String, V> keep) {
        GlobalStoreChanges changes = new GlobalStoreChanges();
        globalStore(builder, topic, Stores.timestampedKeyValueStoreBuilder(
                        Stores.persistentTimestampedKeyValueStore(storeName), topic.keySerde(), topic.valueSerde()),
                check, () -> new QuarantinedGlobalStore.TableWriter<>(storeName, keep, changes));
        return changes;
    }

    /**
     * A global store that the service's own {@code writer} fills, for what a table of the topic is not (values kept
     * under keys of their own, others told of each value): every record is decoded and checked as for
     * {@link #globalTable(StreamsBuilder, Topic, String, ReferenceCheck)}, a record that fails is quarantined, and the
     * writer gets the decoded records (a tombstone as a {@code null} value) on the global thread, live and while the
     * store is restored. The store's changelog is disabled: the topic is its log.
     */
    public static <V> void globalStore(StreamsBuilder builder, Topic<String, V> topic, StoreBuilder<?> store,
            ReferenceCheck<V> check, ProcessorSupplier<String, V, Void, Void> writer) {
        requireDeadLettered(topic);
        String storeName = store.name();
        builder.addGlobalStore(store.withLoggingDisabled(),
                topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + topic.name()),
                () -> new QuarantinedGlobalStore<>(topic, storeName, check, writer.get()));
    }

    /** As {@link #globalTable(StreamsBuilder, Topic, String, ReferenceCheck)}, keeping every value that decodes. */
    public static <V> GlobalStoreChanges globalTable(StreamsBuilder builder, Topic<String, V> topic,
            String storeName) {
        return globalTable(builder, topic, storeName, ReferenceCheck.none());
    }

    /**
     * @param name          names the steps
     * @param topicName     the source topic, or {@code null} when only the record's metadata knows it
     * @param rejectedTopic its dead-letter topic, or {@code null} for the source topic's name plus "-rejected"
     */
    private static <V> KStream<String, Received<V>> decode(KStream<String, byte[]> raw, String name, String topicName,
            String rejectedTopic, Serde<V> values) {
        Map<String, KStream<String, Inbound<V>>> branches = raw
                .processValues(() -> new DecodeProcessor<>(topicName, values.deserializer()),
                        Named.as("decode-" + name))
                .split(Named.as("inbound-" + name + "-"))
                .branch((key, inbound) -> inbound instanceof Inbound.Bad<V>, Branched.as("quarantined"))
                .defaultBranch(Branched.as("decoded"));
        KStream<String, byte[]> quarantined = branches.get("inbound-" + name + "-quarantined")
                .mapValues(Inbound::raw, Named.as("quarantine-bytes-" + name));
        if (rejectedTopic != null) {
            quarantined.to(rejectedTopic, Produced.with(Serdes.String(), Serdes.ByteArray())
                    .withName("quarantine-" + name));
        } else {
            quarantined.to((key, value, context) -> Topic.rejectedTopicNameOf(context.topic()),
                    Produced.with(Serdes.String(), Serdes.ByteArray()).withName("quarantine-" + name));
        }
        return branches.get("inbound-" + name + "-decoded").mapValues(inbound -> {
            Inbound.Good<V> good = (Inbound.Good<V>) inbound;
            return new Received<>(good.raw(), good.value());
        }, Named.as("received-" + name));
    }

    private static void requireDeadLettered(Topic<?, ?> topic) {
        if (!topic.deadLettered()) {
            throw new IllegalArgumentException("topic " + topic.name() + " is read by a topology but has no "
                    + "dead-letter topic: declare it deadLettered() in its contract");
        }
    }
}
