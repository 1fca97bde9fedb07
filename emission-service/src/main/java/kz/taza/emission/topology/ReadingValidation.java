package kz.taza.emission.topology;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import kz.taza.emission.domain.ReadingRules;
import kz.taza.emission.domain.ReadingViolation;
import kz.taza.emission.topology.ReadingOutput.Rejection;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.permit.Facility;
import kz.taza.platform.errors.RejectedRecordHeaders;

/**
 * Whether a reading record can be taken in, and the rejection of one that cannot: a record without a value, a record
 * whose key is not its reading's facilityId (readings are keyed by facilityId, and all state of a facility lives in
 * the task of its key), and a reading breaking one of {@link ReadingRules} against the facility registry. A rejection
 * is the record's original bytes with the reason in the platform's {@link RejectedRecordHeaders}; it goes to
 * {@code emission.ams-readings-rejected.v1} in the same transaction as everything else the task does. Nothing is
 * thrown: rejection is routine. Holds no state.
 */
final class ReadingValidation {

    /** The "exception" class a rule failure is reported as. */
    static final String RULE_FAILURE_CLASS = ReadingViolation.class.getName();

    private final ReadingRules rules;
    private final String applicationId;

    ReadingValidation(ReadingRules rules, String applicationId) {
        this.rules = rules;
        this.applicationId = applicationId;
    }

    /** The rejection of a record that carries no reading of its key's facility, or null. */
    Rejection malformed(Record<String, ReceivedReading> record, RecordMetadata source) {
        ReceivedReading received = record.value();
        if (received == null) {
            return reject(record, source, "EMPTY_RECORD",
                    "a reading record without a value (tombstone) carries no reading");
        }
        String facilityId = received.reading().getFacilityId();
        if (!facilityId.equals(record.key())) {
            return reject(record, source, "KEY_MISMATCH", "record key '" + record.key()
                    + "' is not the reading's facilityId '" + facilityId + "'; readings are keyed by facilityId");
        }
        return null;
    }

    /** The rejection of a reading breaking a rule against its facility (null: not registered), or null. */
    Rejection check(Record<String, ReceivedReading> record, RecordMetadata source, Facility facility, long nowMillis) {
        AmsReading reading = record.value().reading();
        ReadingViolation violation = rules.firstViolation(reading, facility, nowMillis);
        return violation == null ? null : reject(record, source, violation);
    }

    /** The rejection of a reading for a violation found elsewhere (TOO_LATE). */
    Rejection reject(Record<String, ReceivedReading> record, RecordMetadata source, ReadingViolation violation) {
        return reject(record, source, violation.rule().name(), violation.describe());
    }

    private Rejection reject(Record<String, ReceivedReading> record, RecordMetadata source, String reasonCode,
            String message) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("taza.error.") && !header.key().startsWith("taza.source.")) {
                headers.add(header);
            }
        }
        headers.add(RejectedRecordHeaders.ERROR_CLASS, utf8(RULE_FAILURE_CLASS));
        headers.add(RejectedRecordHeaders.ERROR_MESSAGE, utf8(message));
        headers.add(RejectedRecordHeaders.ERROR_STAGE, utf8(RejectedRecordHeaders.Stage.PROCESSING.name()));
        headers.add(RejectedRecordHeaders.ERROR_REASON, utf8(reasonCode));
        if (source != null) {
            headers.add(RejectedRecordHeaders.SOURCE_TOPIC, utf8(source.topic()));
            headers.add(RejectedRecordHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
            headers.add(RejectedRecordHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        }
        headers.add(RejectedRecordHeaders.REJECTED_BY, utf8(applicationId));
        return new Rejection(record.value() == null ? null : record.value().raw(), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
