package kz.taza.platform.errors;

import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.platform.errors.RejectedRecordHeaders.Stage;
import kz.taza.platform.topic.Topic;
import kz.taza.schemas.codec.SchemaSourceUnavailableException;

/**
 * Fills a global store from raw records, on the global thread (live and while restoring): decodes each record and
 * checks it ({@link ReferenceCheck}); a record that does not decode or fails the check is quarantined through the
 * service's {@link Quarantine} and never reaches the store, whose entries keep the values they had. What does reach it
 * (a decoded value, or a tombstone as a {@code null} value) is written by the store's writer: {@link TableWriter}'s
 * latest value per key, or a service's own. Any other failure (the store, the dead-letter write) propagates and stops
 * the application: the global thread has no exception handler, and nothing here may be skipped silently.
 */
final class QuarantinedGlobalStore<V> implements Processor<String, byte[], Void, Void> {

    /** What a failed {@link ReferenceCheck} is reported as. */
    static final String CHECK_FAILURE = "REFERENCE_CHECK";

    private final String topicName;
    private final Deserializer<V> deserializer;
    private final String storeName;
    private final ReferenceCheck<V> check;
    private final Processor<String, V, Void, Void> writer;
    private ProcessorContext<Void, Void> context;
    private Quarantine quarantine;

    QuarantinedGlobalStore(Topic<String, V> topic, String storeName, ReferenceCheck<V> check,
            Processor<String, V, Void, Void> writer) {
        this.topicName = topic.name();
        this.deserializer = topic.valueSerde().deserializer();
        this.storeName = storeName;
        this.check = check;
        this.writer = writer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> processorContext) {
        this.context = processorContext;
        this.quarantine = Quarantine.from(processorContext.appConfigs());
        writer.init(processorContext);
    }

    @Override
    public void close() {
        writer.close();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            quarantine(record, "NO_KEY", new IllegalArgumentException(
                    "a record without a key cannot be reference data of " + storeName));
            return;
        }
        if (record.value() == null) {
            writer.process(record.withValue(null));
            return;
        }
        V value;
        try {
            value = deserializer.deserialize(topicName, record.headers(), record.value());
        } catch (SchemaSourceUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            quarantine(record, DecodeFailure.of(e).name(), e);
            return;
        }
        String problem = check.problem(record.key(), value);
        if (problem != null) {
            quarantine(record, CHECK_FAILURE, new IllegalArgumentException(problem));
            return;
        }
        writer.process(record.withValue(value));
    }

    private void quarantine(Record<String, byte[]> record, String reason, RuntimeException error) {
        if (quarantine == null) {
            throw new IllegalStateException("no quarantine configured (" + Quarantine.CONFIG + ") for the global "
                    + "store " + storeName + ", which met a record it cannot keep", error);
        }
        RecordMetadata source = context.recordMetadata().orElseThrow();
        quarantine.quarantine(source.topic(), source.partition(), source.offset(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.value(), record.headers(),
                reason.equals(CHECK_FAILURE) || reason.equals("NO_KEY") ? Stage.PROCESSING : Stage.DESERIALIZATION,
                reason, error);
    }

    /**
     * A global table's writer: the latest value per key (with its record's timestamp) of the values {@code keep}
     * selects; a tombstone deletes the key. Each write and delete is then told to the table's
     * {@link GlobalStoreChanges}.
     */
    static final class TableWriter<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private final BiPredicate<String, V> keep;
        private final GlobalStoreChanges changes;
        private TimestampedKeyValueStore<String, V> store;

        TableWriter(String storeName, BiPredicate<String, V> keep, GlobalStoreChanges changes) {
            this.storeName = storeName;
            this.keep = keep;
            this.changes = changes;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.value() == null) {
                store.delete(record.key());
                changes.changed(record.key());
            } else if (keep.test(record.key(), record.value())) {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
                changes.changed(record.key());
            }
        }
    }
}
