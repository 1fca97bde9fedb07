package kz.taza.emission.topology;

import java.io.IOException;
import java.time.LocalDate;

import kz.taza.events.common.KpiGranularity;
import kz.taza.schemas.KpiKeys;

/**
 * A change to one KPI total, computed where the input is (keyed by facility) and summed where the KPI is (keyed by
 * {@code kpiId|scope}): the amount added (negative when a corrected input takes some back), the number of input events
 * added, and the event time of the newest input.
 */
public record KpiDelta(EmissionKpi kpi, String scope, KpiGranularity granularity, long periodStartEpochDay,
        double amount, long events, long dataAsOf) implements ReadingOutput {

    @Override
    public Route route() {
        return Route.KPI_DELTAS;
    }

    /** The repartition key: every period of a KPI and scope meets on one partition (year-on-year needs both years). */
    String routingKey() {
        return KpiKeys.series(kpi.id(), scope);
    }

    /** Key of the pending store: one entry per KPI, scope and period, the period's KPI key. */
    static String pendingKey(EmissionKpi kpi, String scope, KpiGranularity granularity, long epochDay) {
        return KpiKeys.key(kpi.id(), scope, granularity, LocalDate.ofEpochDay(epochDay));
    }

    KpiDelta plus(double moreAmount, long moreEvents, long newerDataAsOf) {
        return new KpiDelta(kpi, scope, granularity, periodStartEpochDay, amount + moreAmount, events + moreEvents,
                Math.max(dataAsOf, newerDataAsOf));
    }

    static final BinarySerde<KpiDelta> SERDE = new BinarySerde<>("KpiDelta", (d, out) -> {
        out.writeByte(d.kpi.ordinal());
        out.writeUTF(d.scope);
        out.writeByte(d.granularity.ordinal());
        out.writeLong(d.periodStartEpochDay);
        out.writeDouble(d.amount);
        out.writeLong(d.events);
        out.writeLong(d.dataAsOf);
    }, in -> read(in));

    private static KpiDelta read(java.io.DataInputStream in) throws IOException {
        return new KpiDelta(EmissionKpi.ofOrdinal(in.readByte()), in.readUTF(),
                KpiGranularity.values()[in.readByte()], in.readLong(), in.readDouble(), in.readLong(), in.readLong());
    }
}
