package kz.taza.emission.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TimestampExtractor;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.events.emission.AmsReading;

/**
 * An AMS reading as it came off {@code emission.ams-readings.v1}: the decoded record and the bytes it was decoded from,
 * so that a reading that fails validation goes to the rejected topic as the original bytes. Bytes that do not decode
 * never become a ReceivedReading: the deserializer throws and the platform's deserialization handler dead-letters them.
 */
public record ReceivedReading(byte[] raw, AmsReading reading) {

    /** Decodes with the topic's own Avro deserializer and keeps the bytes. */
    public static Serde<ReceivedReading> serde() {
        Deserializer<AmsReading> avro = EmissionTopics.AMS_READINGS.valueSerde().deserializer();
        return Serdes.serdeFrom((topic, value) -> value == null ? null : value.raw(),
                (topic, bytes) -> bytes == null ? null : new ReceivedReading(bytes, avro.deserialize(topic, bytes)));
    }

    /**
     * Event time of the readings: the end of the interval. A reading claiming an interval far beyond its record's own
     * timestamp is clamped to that timestamp plus the tolerance, so that one bad clock cannot push the readings' clock
     * (and with it every source's monitoring gap, measured on it) into the future; validation rejects it anyway. The
     * task's stream time is not that clock: report records on the same task move it too.
     */
    public static TimestampExtractor eventTime(long futureToleranceMillis) {
        return (ConsumerRecord<Object, Object> record, long partitionTime) -> {
            if (record.value() instanceof ReceivedReading received) {
                AmsReading r = received.reading();
                long end = r.getIntervalStart().toEpochMilli() + r.getIntervalMinutes() * 60_000L;
                long ceiling = record.timestamp() + futureToleranceMillis;
                return record.timestamp() >= 0 ? Math.min(end, ceiling) : end;
            }
            return Math.max(record.timestamp(), 0);
        };
    }
}
