package kz.taza.emission.topology;

/** The running total of one KPI, scope and period: the sum, the input events in it, the newest input's event time. */
record KpiTotal(double amount, long events, long dataAsOf) {

    static final KpiTotal ZERO = new KpiTotal(0.0, 0, Long.MIN_VALUE);

    KpiTotal plus(KpiDelta delta) {
        return new KpiTotal(amount + delta.amount(), events + delta.events(), Math.max(dataAsOf, delta.dataAsOf()));
    }

    static final BinarySerde<KpiTotal> SERDE = new BinarySerde<>("KpiTotal", (t, out) -> {
        out.writeDouble(t.amount);
        out.writeLong(t.events);
        out.writeLong(t.dataAsOf);
    }, in -> new KpiTotal(in.readDouble(), in.readLong(), in.readLong()));
}
