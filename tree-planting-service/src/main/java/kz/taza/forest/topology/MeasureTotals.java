package kz.taza.forest.topology;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import kz.taza.platform.kpi.Micros;

/**
 * A running total of one {@link Measure}, or a change to it: numerator, denominator, the number of facts (plannings,
 * plantings, surveys) in it and the event time of the newest. Totals are sums of changes, so that a corrected fact
 * (a replaced plan, a corrected survey) moves the total by the difference and a repeated one by nothing. Numerator and
 * denominator are exact, in millionths of their unit ({@link Micros}: a tree is a million, a hectare to 0.01 m2), so
 * that a fact replaced and replaced back leaves the total exactly as it was; a sum that overflows is refused.
 *
 * @param numerator   e.g. trees planted, or trees alive, in millionths
 * @param denominator e.g. trees planned, or trees surveyed, in millionths; 0 where the measure has none
 * @param facts       distinct facts counted
 * @param dataAsOf    epoch milliseconds of the newest input's event time
 */
record MeasureTotals(long numerator, long denominator, long facts, long dataAsOf) {

    static final MeasureTotals NONE = new MeasureTotals(0, 0, 0, Long.MIN_VALUE);

    /** The first byte of the encoding: version 2 (amounts in millionths), as emission-service marks its forms. */
    private static final byte VERSION = (byte) 0x82;
    /** Bytes of the encoding: the version and four longs. */
    private static final int SIZE = 33;
    /** Bytes of the version-1 encoding, without a version byte: two doubles (numerator, denominator), two longs. */
    private static final int VERSION_ONE_SIZE = 32;

    /** A change of trees (or any whole count): numerator and denominator counted, not yet in millionths. */
    static MeasureTotals ofCounts(long numerator, long denominator, long dataAsOf) {
        return new MeasureTotals(Micros.ofWhole(numerator), Micros.ofWhole(denominator), 1, dataAsOf);
    }

    /** @throws ArithmeticException when a sum overflows */
    MeasureTotals plus(MeasureTotals change) {
        return new MeasureTotals(Micros.plus(numerator, change.numerator), Micros.plus(denominator,
                change.denominator), Micros.plus(facts, change.facts), Math.max(dataAsOf, change.dataAsOf));
    }

    /** @throws ArithmeticException when a difference overflows */
    MeasureTotals minus(MeasureTotals other) {
        return new MeasureTotals(Micros.minus(numerator, other.numerator), Micros.minus(denominator,
                other.denominator), Micros.minus(facts, other.facts), dataAsOf);
    }

    boolean changesNothing() {
        return numerator == 0 && denominator == 0 && facts == 0;
    }

    /** The numerator in its unit, as a KPI value shows it. */
    double numeratorValue() {
        return Micros.toDouble(numerator);
    }

    /** The denominator in its unit. */
    double denominatorValue() {
        return Micros.toDouble(denominator);
    }

    /**
     * A fixed 33-byte encoding (version 2), internal to this service's repartition topic and store. The 32-byte form
     * of version 1 (amounts as doubles) is still read, each amount rounded to the millionth as a new fact's is, so
     * that the store restored from a changelog written before is taken over; any other length is refused.
     */
    static Serde<MeasureTotals> serde() {
        Serializer<MeasureTotals> serializer = (topic, totals) -> totals == null ? null
                : ByteBuffer.allocate(SIZE).put(VERSION).putLong(totals.numerator).putLong(totals.denominator)
                        .putLong(totals.facts).putLong(totals.dataAsOf).array();
        Deserializer<MeasureTotals> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            try {
                if (bytes.length == VERSION_ONE_SIZE) {
                    return new MeasureTotals(Micros.of(buffer.getDouble()), Micros.of(buffer.getDouble()),
                            buffer.getLong(), buffer.getLong());
                }
            } catch (ArithmeticException notAnAmount) {
                throw new SerializationException("a MeasureTotals of version 1 holds an amount that is not one",
                        notAnAmount);
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("a MeasureTotals is " + SIZE + " bytes beginning with version 0x82 "
                        + "(or " + VERSION_ONE_SIZE + " of version 1), not " + bytes.length + " beginning with 0x"
                        + (bytes.length == 0 ? "" : Integer.toHexString(bytes[0] & 0xFF)));
            }
            buffer.get();
            return new MeasureTotals(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
