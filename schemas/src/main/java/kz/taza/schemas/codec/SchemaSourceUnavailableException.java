package kz.taza.schemas.codec;

/**
 * A {@link WriterSchemaSource} could not answer: it is not running, or could not catch up in time. The message's bytes
 * may be perfectly good, so this is not a decoding error (not a Kafka {@code SerializationException}): a reader must
 * not quarantine the record for it, but stop and try again once the source is back.
 */
public class SchemaSourceUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SchemaSourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
