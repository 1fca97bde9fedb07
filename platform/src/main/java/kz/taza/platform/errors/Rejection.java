package kz.taza.platform.errors;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import kz.taza.platform.errors.RejectedRecordHeaders.Stage;

/**
 * A record a processor rejects, on its way to the source topic's dead-letter topic through the task's own producer
 * (so in the task's exactly-once transaction): the original bytes, and the headers that say why and where from.
 *
 * @param raw     the original value bytes
 * @param headers the dead letter's headers ({@link RejectedRecordHeaders})
 */
public record Rejection(byte[] raw, Headers headers) {

    /**
     * The rejection of the record being processed.
     *
     * @param original the record's own headers
     *
     * @param errorClass what the rejection is reported as (a rule failure's class, or an exception's)
     * @param reason     a stable reason code
     */
    public static Rejection of(ProcessingContext context, Headers original, byte[] raw, String errorClass,
            String reason, String message, Stage stage) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        Headers headers = RejectedRecordHeaders.of(original, errorClass, message, reason, stage,
                source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), context.applicationId());
        return new Rejection(raw, headers);
    }
}
