package kz.taza.schemas.codec;

import java.util.Objects;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde over one {@link EventCodec}: stateless and shareable between threads and topologies. */
public final class EventSerde<T> implements Serde<T> {

    private final EventCodec<T> codec;
    private final EventSerializer<T> serializer;
    private final EventDeserializer<T> deserializer;

    public EventSerde(EventCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.serializer = new EventSerializer<>(codec);
        this.deserializer = new EventDeserializer<>(codec);
    }

    /** The codec behind this serde. */
    public EventCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
