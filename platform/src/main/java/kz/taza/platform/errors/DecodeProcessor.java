package kz.taza.platform.errors;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import kz.taza.platform.errors.RejectedRecordHeaders.Stage;
import kz.taza.schemas.codec.SchemaSourceUnavailableException;

/**
 * Decodes one input topic's values inside the topology: a value that decodes goes on as {@link Inbound.Good}; one that
 * does not goes on as {@link Inbound.Bad} with the dead letter's headers, to the topic's dead-letter sink in the same
 * sub-topology. A schema source that cannot answer is not the record's fault and stops the task.
 */
final class DecodeProcessor<V> implements FixedKeyProcessor<String, byte[], Inbound<V>> {

    /** The source topic, or {@code null} when only the record's metadata knows its name (a repartition topic). */
    private final String topicName;
    private final Deserializer<V> deserializer;
    private FixedKeyProcessorContext<String, Inbound<V>> context;
    private Quarantine quarantine;

    DecodeProcessor(String topicName, Deserializer<V> deserializer) {
        this.topicName = topicName;
        this.deserializer = deserializer;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Inbound<V>> processorContext) {
        this.context = processorContext;
        this.quarantine = Quarantine.from(processorContext.appConfigs());
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        byte[] raw = record.value();
        String topic = topicName != null ? topicName
                : context.recordMetadata().map(metadata -> metadata.topic()).orElse(null);
        V value;
        try {
            value = raw == null ? null : deserializer.deserialize(topic, record.headers(), raw);
        } catch (SchemaSourceUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever the topic's deserializer refuses is the bytes' fault: an Avro codec's error, or an internal
            // serde's underflow or bad ordinal. The topology goes on with the next record.
            String reason = DecodeFailure.of(e).name();
            Rejection rejection = Rejection.of(context, record.headers(), raw, e.getClass().getName(), reason,
                    RejectedRecordHeaders.describe(e), Stage.DESERIALIZATION);
            if (quarantine != null) {
                quarantine.count(topic, reason);
            }
            context.forward(record.withValue((Inbound<V>) new Inbound.Bad<V>(raw)).withHeaders(rejection.headers()));
            return;
        }
        context.forward(record.withValue(new Inbound.Good<>(raw, value)));
    }
}
