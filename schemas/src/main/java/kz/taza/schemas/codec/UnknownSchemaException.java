package kz.taza.schemas.codec;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A message names a writer schema (by fingerprint) that the reader cannot use: the catalogue does not know it, or
 * (see {@link UnexpectedEventTypeException}) it is a known schema of a type the reader does not read. The original
 * bytes are intact; the usual fix is a newer {@code taza-schemas} on the reading side.
 */
public class UnknownSchemaException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final long fingerprint;
    private final String topic;

    public UnknownSchemaException(long fingerprint, String topic) {
        this(fingerprint, topic, "unknown writer schema, fingerprint " + SingleObjectEncoding.hex(fingerprint)
                + onTopic(topic) + ": no published schema version has this fingerprint");
    }

    protected UnknownSchemaException(long fingerprint, String topic, String message) {
        super(message);
        this.fingerprint = fingerprint;
        this.topic = topic;
    }

    /** Fingerprint the message named. */
    public long fingerprint() {
        return fingerprint;
    }

    /** Topic the message came from, or null when decoded outside Kafka. */
    public String topic() {
        return topic;
    }

    static String onTopic(String topic) {
        return topic == null ? "" : " on topic " + topic;
    }
}
