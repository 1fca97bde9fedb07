package kz.taza.emission.topology;

import kz.taza.platform.kpi.Micros;

/**
 * The running total of one KPI, scope and period: the sum in millionths of the KPI's unit ({@link Micros}: grams of
 * tonnes, a million per counted thing), exact, so that a correction taken back restores it bit for bit; the input
 * events in it; the newest input's event time. It is converted to the KPI value's double only when published.
 */
record KpiTotal(long amount, long events, long dataAsOf) {

    static final KpiTotal ZERO = new KpiTotal(0, 0, Long.MIN_VALUE);

    /** Bytes of the version-1 form (a double and two longs, no version byte). */
    private static final int VERSION_ONE_SIZE = 24;

    /**
     * This total and the change.
     *
     * @throws ArithmeticException when the sum overflows (the change is refused, the total stays as it was)
     */
    KpiTotal plus(KpiDelta delta) {
        return new KpiTotal(Micros.plus(amount, delta.amount()), Micros.plus(events, delta.events()),
                Math.max(dataAsOf, delta.dataAsOf()));
    }

    /** The amount as the KPI value shows it, in the KPI's unit. */
    double value() {
        return Micros.toDouble(amount);
    }

    /**
     * Version 2: the amount in millionths. Version 1 (the amount a double of the unit) is the one form 24 bytes long
     * (version 2 is 25); its amount is rounded to the millionth as a new input's is.
     */
    static final BinarySerde<KpiTotal> SERDE = BinarySerde.versioned("KpiTotal", 2, (t, out) -> {
        out.writeLong(t.amount);
        out.writeLong(t.events);
        out.writeLong(t.dataAsOf);
    }, in -> new KpiTotal(in.readLong(), in.readLong(), in.readLong()),
            bytes -> bytes.length == VERSION_ONE_SIZE,
            in -> new KpiTotal(Micros.of(in.readDouble()), in.readLong(), in.readLong()));
}
