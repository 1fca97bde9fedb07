package kz.taza.schemas.codec;

import java.util.Collection;

/**
 * A message's writer schema is a published schema, but of a type this reader does not read (a record that does not
 * belong on the topic).
 */
public class UnexpectedEventTypeException extends UnknownSchemaException {

    private static final long serialVersionUID = 1L;

    private final String writerType;

    public UnexpectedEventTypeException(long fingerprint, String topic, String writerType,
            Collection<String> expectedTypes) {
        super(fingerprint, topic, "unexpected event type " + writerType + " (fingerprint "
                + SingleObjectEncoding.hex(fingerprint) + ")" + onTopic(topic) + ": this reader reads only "
                + expectedTypes);
        this.writerType = writerType;
    }

    /** Full name of the record the message holds. */
    public String writerType() {
        return writerType;
    }
}
