package kz.taza.platform.errors;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers that a dead-letter record carries next to the original bytes, so that an operator (or the replay tool) knows
 * what failed, why, and where the record came from. The original record's own headers are kept as well. Source topic,
 * partition and offset, with the rejecting application, are a dead letter's identity: a route without a transaction
 * (a global store, a plain consumer, a Streams handler) may write one identity more than once, and readers count it
 * once.
 */
public final class RejectedRecordHeaders {

    /** Fully qualified class name of the exception. */
    public static final String ERROR_CLASS = "taza.error.class";
    /** The exception's message (and its causes', joined by " <- "). */
    public static final String ERROR_MESSAGE = "taza.error.message";
    /**
     * A stable machine-readable reason: a rule's code (e.g. {@code NEGATIVE_CONCENTRATION}) when a topology rejects a
     * record for a broken rule, or what was wrong with the bytes ({@link DecodeFailure}) when they did not decode.
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
    /** On a record the replay tool re-published: the dead letter it came from ({@code topic/partition/offset}). */
    public static final String REPLAYED_FROM = "taza.replayed.from";

    private RejectedRecordHeaders() {
    }

    /** The step at which a record was rejected. */
    public enum Stage {
        DESERIALIZATION, PROCESSING, PRODUCTION
    }

    /**
     * The headers of a dead letter: the original record's own (without earlier error and source headers, so a
     * replayed record that fails again says why this time), then the error and where the record came from.
     *
     * @param reason a stable reason code, or {@code null} when there is none
     */
    public static Headers of(Headers original, String errorClass, String message, String reason, Stage stage,
            String sourceTopic, int partition, long offset, String rejectedBy) {
        Headers headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                if (!header.key().startsWith("taza.error.") && !header.key().startsWith("taza.source.")
                        && !header.key().equals(REJECTED_BY)) {
                    headers.add(header);
                }
            }
        }
        headers.add(ERROR_CLASS, utf8(errorClass));
        headers.add(ERROR_MESSAGE, utf8(message));
        if (reason != null) {
            headers.add(ERROR_REASON, utf8(reason));
        }
        headers.add(ERROR_STAGE, utf8(stage.name()));
        if (sourceTopic != null) {
            headers.add(SOURCE_TOPIC, utf8(sourceTopic));
            headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
            headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        }
        headers.add(REJECTED_BY, utf8(rejectedBy));
        return headers;
    }

    /** The message of an error and of its causes, so the header says why and not only what. */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 2000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    /** A header's value as text; {@code null} when the record has no such header. */
    public static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }
}
