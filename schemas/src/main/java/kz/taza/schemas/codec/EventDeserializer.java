package kz.taza.schemas.codec;

import java.util.Objects;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer over an {@link EventCodec}; null (a tombstone) stays null. Failures are
 * {@link MalformedEventException} / {@link UnknownSchemaException}, naming the topic, so consumer error handlers
 * and Streams deserialization handlers can route the original bytes to a dead-letter topic.
 */
public final class EventDeserializer<T> implements Deserializer<T> {

    private final EventCodec<T> codec;

    public EventDeserializer(EventCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return codec.decode(topic, data);
    }
}
