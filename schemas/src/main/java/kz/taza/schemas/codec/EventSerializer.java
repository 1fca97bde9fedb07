package kz.taza.schemas.codec;

import java.util.Objects;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer over an {@link EventCodec}; null (a tombstone) stays null. */
public final class EventSerializer<T> implements Serializer<T> {

    private final EventCodec<T> codec;

    public EventSerializer(EventCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return codec.encode(data);
    }
}
