package kz.taza.schemas.codec;

/**
 * Turns events into message bytes and back. Services see only this interface, so the fingerprint-and-catalogue
 * codec ({@link AvroCodec}) can be joined by a registry-backed one without touching them.
 *
 * <p>Null in gives null out (tombstones). For non-null input, {@link #decode} returns a whole record or throws:
 * {@link MalformedEventException} or {@link UnknownSchemaException}, both Kafka {@code SerializationException}s.
 * Implementations are thread-safe.
 *
 * @param <T> the type of event read and written
 */
public interface EventCodec<T> {

    /** The message bytes of an event; null for null. */
    byte[] encode(T event);

    /** The event a message holds; null for null. {@code topic} (nullable) only names the source in errors. */
    T decode(String topic, byte[] message);

    /** The event a message holds, decoded outside Kafka; null for null. */
    default T decode(byte[] message) {
        return decode(null, message);
    }
}
