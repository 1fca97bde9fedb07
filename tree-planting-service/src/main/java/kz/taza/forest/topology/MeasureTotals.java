package kz.taza.forest.topology;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A running total of one {@link Measure}, or a change to it: numerator, denominator, the number of facts (plannings,
 * plantings, surveys) in it and the event time of the newest. Totals are sums of changes, so that a corrected fact
 * (a replaced plan, a corrected survey) moves the total by the difference and a repeated one by nothing.
 *
 * @param numerator   e.g. trees planted, or trees alive
 * @param denominator e.g. trees planned, or trees surveyed; 0 where the measure has none
 * @param facts       distinct facts counted
 * @param dataAsOf    epoch milliseconds of the newest input's event time
 */
record MeasureTotals(double numerator, double denominator, long facts, long dataAsOf) {

    static final MeasureTotals NONE = new MeasureTotals(0, 0, 0, Long.MIN_VALUE);

    /** Bytes of the encoding: two doubles and two longs. */
    private static final int SIZE = 32;

    MeasureTotals plus(MeasureTotals change) {
        return new MeasureTotals(numerator + change.numerator, denominator + change.denominator,
                facts + change.facts, Math.max(dataAsOf, change.dataAsOf));
    }

    MeasureTotals minus(MeasureTotals other) {
        return new MeasureTotals(numerator - other.numerator, denominator - other.denominator,
                facts - other.facts, dataAsOf);
    }

    boolean changesNothing() {
        return numerator == 0 && denominator == 0 && facts == 0;
    }

    /** A fixed 32-byte encoding, refusing any other length; internal to this service's repartition topic and store. */
    static Serde<MeasureTotals> serde() {
        Serializer<MeasureTotals> serializer = (topic, totals) -> totals == null ? null
                : ByteBuffer.allocate(SIZE).putDouble(totals.numerator).putDouble(totals.denominator)
                        .putLong(totals.facts).putLong(totals.dataAsOf).array();
        Deserializer<MeasureTotals> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE) {
                throw new SerializationException("a MeasureTotals is " + SIZE + " bytes, not " + bytes.length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new MeasureTotals(buffer.getDouble(), buffer.getDouble(), buffer.getLong(), buffer.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
