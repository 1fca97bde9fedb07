package kz.taza.emission.topology;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.Permit;
import kz.taza.platform.topic.Topic;

/**
 * The facility registry and the permits as the reading path reads them: decoded once, and kept decoded until their
 * global store changes. Every VALID reading needs its facility (validation, KPI scopes) and its facility's permit
 * (limits); decoding both from a global store's bytes on every reading cost more than the rest of validation.
 *
 * <p>Both are global stores on every instance (small reference data, read without repartitioning the readings). Each
 * is written by a processor of its own ({@link Updater}) rather than restored as a GlobalKTable, so that it sees every
 * change, also while the store is restored at start-up ({@code StreamsBuilder#addGlobalStore} runs the processor on
 * restore): after writing the store it drops the decoded value of that key, and the next read decodes the new one.
 * The decoded values are shared by the instance's stream threads ({@link Decoded}); a reader decodes a missing value
 * inside {@link ConcurrentHashMap#computeIfAbsent}, which the updater's removal of the same key waits for, so a value
 * decoded from the store before an update can never outlive that update.
 *
 * <p>The stores keep the shape a GlobalKTable gives them (timestamped key-value, String keys, the topic's own Avro
 * value serde), so the read API and the KPI processors read them as before. A decoding and validating global-store
 * mechanism (the quarantine of bad reference records) slots in at {@link Updater#process}: it only has to call
 * {@link Decoded#changed} after each write.
 */
final class ReferenceData {

    private final Decoded<Facility> facilities = new Decoded<>(EmissionStores.FACILITIES);
    private final Decoded<Permit> permits = new Decoded<>(EmissionStores.PERMITS);

    /** Adds the two global stores and their updating processors. */
    void addGlobalStores(StreamsBuilder builder) {
        addGlobalStore(builder, PermitTopics.FACILITIES, facilities);
        addGlobalStore(builder, PermitTopics.PERMITS, permits);
    }

    /** A task's view: reads through the decoded values into the task's handles on the global stores. */
    Reader reader(ProcessorContext<?, ?> context) {
        return new Reader(context.getStateStore(EmissionStores.FACILITIES),
                context.getStateStore(EmissionStores.PERMITS));
    }

    /** Reads of one task. */
    final class Reader {
        private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> facilityStore;
        private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Permit>> permitStore;

        Reader(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> facilityStore,
                ReadOnlyKeyValueStore<String, ValueAndTimestamp<Permit>> permitStore) {
            this.facilityStore = facilityStore;
            this.permitStore = permitStore;
        }

        /** The registered facility, or null. */
        Facility facility(String facilityId) {
            return facilities.get(facilityId, facilityStore);
        }

        /** The facility's current permit, or null. */
        Permit permit(String facilityId) {
            return permits.get(facilityId, permitStore);
        }
    }

    private static <V> void addGlobalStore(StreamsBuilder builder, Topic<String, V> topic, Decoded<V> decoded) {
        builder.addGlobalStore(
                Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(decoded.storeName),
                        Serdes.String(), topic.valueSerde()).withLoggingDisabled(),
                topic.name(), topic.consumed(), () -> new Updater<>(decoded));
    }

    /**
     * The decoded values of one global store, by key; a key absent here is decoded on its next read. Only keys that
     * were read are held (the facilities that send readings and their permits), and each update drops its key.
     */
    static final class Decoded<V> {
        private final String storeName;
        private final ConcurrentHashMap<String, Optional<V>> values = new ConcurrentHashMap<>();

        Decoded(String storeName) {
            this.storeName = storeName;
        }

        V get(String key, ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store) {
            return values.computeIfAbsent(key, k -> Optional.ofNullable(ValueAndTimestamp.getValueOrNull(store.get(k))))
                    .orElse(null);
        }

        /** The store's value of the key has changed (called after the write). */
        void changed(String key) {
            values.remove(key);
        }
    }

    /** Writes a reference topic's records into its global store, as a GlobalKTable would, and tells the decoded values. */
    static final class Updater<V> implements Processor<String, V, Void, Void> {
        private final Decoded<V> decoded;
        private TimestampedKeyValueStore<String, V> store;

        Updater(Decoded<V> decoded) {
            this.decoded = decoded;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(decoded.storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() == null) {
                return; // a compacted topic's record without a key names nothing
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            }
            decoded.changed(record.key());
        }
    }
}
