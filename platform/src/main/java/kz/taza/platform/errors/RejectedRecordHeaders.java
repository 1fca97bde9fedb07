package kz.taza.platform.errors;

/**
 * Headers that a dead-letter record carries next to the original bytes, so that an operator (or a replay tool) knows
 * what failed, why, and where the record came from. The original record's own headers are kept as well.
 */
public final class RejectedRecordHeaders {

    /** Fully qualified class name of the exception. */
    public static final String ERROR_CLASS = "taza.error.class";
    /** The exception's message (and its causes', joined by " <- "). */
    public static final String ERROR_MESSAGE = "taza.error.message";
    /**
     * A stable machine-readable reason (e.g. {@code NEGATIVE_CONCENTRATION}), when a topology rejects a record for a
     * broken rule rather than an exception.
     */
    public static final String ERROR_REASON = "taza.error.reason";
    /** Where it failed: {@link Stage}. */
    public static final String ERROR_STAGE = "taza.error.stage";
    /** Topic, partition and offset of the original record. */
    public static final String SOURCE_TOPIC = "taza.source.topic";
    public static final String SOURCE_PARTITION = "taza.source.partition";
    public static final String SOURCE_OFFSET = "taza.source.offset";
    /** The application (Streams application id or consumer group) that rejected it. */
    public static final String REJECTED_BY = "taza.rejected.by";

    private RejectedRecordHeaders() {
    }

    /** The step at which a record was rejected. */
    public enum Stage {
        DESERIALIZATION, PROCESSING, PRODUCTION
    }
}
