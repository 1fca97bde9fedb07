package kz.taza.schemas.codec;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes are not a well-formed single-object encoded event: wrong marker, too short for a header, a body that is
 * truncated or does not decode with its writer schema, or bytes left over after the record.
 */
public class MalformedEventException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public MalformedEventException(String message, String topic) {
        this(message, topic, null);
    }

    public MalformedEventException(String message, String topic, Throwable cause) {
        super(message + UnknownSchemaException.onTopic(topic), cause);
        this.topic = topic;
    }

    /** Topic the message came from, or null when decoded outside Kafka. */
    public String topic() {
        return topic;
    }
}
