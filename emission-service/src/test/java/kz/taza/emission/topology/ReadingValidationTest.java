package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.emission.domain.ReadingRules;
import kz.taza.emission.topology.ReadingOutput.Rejection;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.platform.errors.RejectedRecordHeaders;

/** Which reading records are taken in, and what a rejection carries to the rejected topic. */
class ReadingValidationTest {

    private static final String F1 = "KZ-55-0001";
    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Instant START = Instant.parse("2025-03-03T10:00:00Z");

    private final ReadingValidation validation = new ReadingValidation(ReadingRules.defaults(), "emission-test");
    private final RecordMetadata origin = origin();

    @Test
    void aGoodReadingOfARegisteredFacilityIsTakenIn() {
        Record<String, ReceivedReading> record = record(F1, reading(F1, START, 100, ReadingStatus.VALID));

        assertThat(validation.malformed(record, origin)).isNull();
        assertThat(validation.check(record, origin, facility(F1), NOW.toEpochMilli())).isNull();
    }

    @Test
    void aRecordWithoutAValueOrUnderAnotherFacilitysKeyIsRejected() {
        Rejection tombstone = validation.malformed(new Record<String, ReceivedReading>(F1, null, 0L), origin);
        assertThat(header(tombstone.headers(), RejectedRecordHeaders.ERROR_REASON)).isEqualTo("EMPTY_RECORD");
        assertThat(tombstone.bytes()).isNull();

        Rejection mismatch = validation.malformed(record("KZ-35-0002", reading(F1, START, 100, ReadingStatus.VALID)),
                origin);
        assertThat(header(mismatch.headers(), RejectedRecordHeaders.ERROR_REASON)).isEqualTo("KEY_MISMATCH");
        assertThat(header(mismatch.headers(), RejectedRecordHeaders.ERROR_MESSAGE)).contains("KZ-35-0002", F1);
    }

    @Test
    void aReadingBreakingARuleIsRejectedAsItsOriginalBytesWithTheReasonAndWhereItCameFrom() {
        AmsReading negative = reading(F1, START, -5, ReadingStatus.VALID);
        Record<String, ReceivedReading> record = record(F1, negative);
        record.headers().add("traceparent", utf8("00-abc-01"));
        record.headers().add(RejectedRecordHeaders.ERROR_REASON, utf8("from an earlier rejection"));

        Rejection rejection = validation.check(record, origin, facility(F1), NOW.toEpochMilli());

        assertThat(rejection.bytes()).isEqualTo(record.value().raw());
        Headers headers = rejection.headers();
        assertThat(header(headers, RejectedRecordHeaders.ERROR_REASON)).isEqualTo("NEGATIVE_CONCENTRATION");
        assertThat(headers.headers(RejectedRecordHeaders.ERROR_REASON)).hasSize(1);
        assertThat(header(headers, RejectedRecordHeaders.ERROR_MESSAGE)).contains("-5.0");
        assertThat(header(headers, RejectedRecordHeaders.ERROR_CLASS)).isEqualTo(ReadingValidation.RULE_FAILURE_CLASS);
        assertThat(header(headers, RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("PROCESSING");
        assertThat(header(headers, RejectedRecordHeaders.SOURCE_TOPIC)).isEqualTo(EmissionTopics.AMS_READINGS.name());
        assertThat(header(headers, RejectedRecordHeaders.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(headers, RejectedRecordHeaders.SOURCE_OFFSET)).isEqualTo("42");
        assertThat(header(headers, RejectedRecordHeaders.REJECTED_BY)).isEqualTo("emission-test");
        assertThat(header(headers, "traceparent")).isEqualTo("00-abc-01");
    }

    @Test
    void aReadingOfAnUnregisteredFacilityIsRejected() {
        Rejection rejection = validation.check(record(F1, reading(F1, START, 100, ReadingStatus.VALID)), origin, null,
                NOW.toEpochMilli());

        assertThat(header(rejection.headers(), RejectedRecordHeaders.ERROR_REASON)).isEqualTo("UNKNOWN_FACILITY");
    }

    private static Record<String, ReceivedReading> record(String key, AmsReading reading) {
        byte[] bytes = EmissionTopics.AMS_READINGS.valueSerde().serializer().serialize("t", reading);
        return new Record<>(key, new ReceivedReading(bytes, reading), START.toEpochMilli(), new RecordHeaders());
    }

    private static RecordMetadata origin() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setRecordMetadata(EmissionTopics.AMS_READINGS.name(), 3, 42);
        return context.recordMetadata().orElseThrow();
    }

    private static String header(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
