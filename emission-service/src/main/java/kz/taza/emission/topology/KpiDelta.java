package kz.taza.emission.topology;

import java.io.DataInputStream;
import java.io.IOException;
import java.time.LocalDate;

import kz.taza.events.common.KpiGranularity;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.KpiScopes;

/**
 * A change to one KPI total, computed where the input is (keyed by facility) and summed where the KPI is (keyed by
 * {@code kpiId|scope}): the amount added in millionths of the KPI's unit ({@link Micros}; negative when a corrected
 * input takes some back), the number of input events added, and the event time of the newest input.
 */
public record KpiDelta(EmissionKpi kpi, String scope, KpiGranularity granularity, long periodStartEpochDay,
        long amount, long events, long dataAsOf) implements ReadingOutput {

    @Override
    public Route route() {
        return Route.KPI_DELTAS;
    }

    /**
     * The repartition key: every period of a KPI and scope meets on one partition (year-on-year needs both years). The
     * enterprises' transmitting sources ({@link #enterpriseScope}) all meet on the partition of the connected
     * enterprises' count, which counts the enterprises from them.
     */
    String routingKey() {
        return kpi == EmissionKpi.ENTERPRISES_CONNECTED ? KpiKeys.series(kpi.id(), KpiScopes.NATIONAL)
                : KpiKeys.series(kpi.id(), scope);
    }

    /** The scope of an enterprise's own count, {@code ENTERPRISE:<bin>}, or {@code ENTERPRISE:<bin>@REGION:<code>}. */
    static final String ENTERPRISE = "ENTERPRISE:";
    private static final char IN_SCOPE = '@';

    /**
     * The scope under which an enterprise's AMS-required sources transmitting in a period are counted: nationally
     * ({@code regionScope} null) or at its facilities in one region.
     */
    static String enterpriseScope(String operatorBin, String regionScope) {
        return regionScope == null ? ENTERPRISE + operatorBin : ENTERPRISE + operatorBin + IN_SCOPE + regionScope;
    }

    /** The published scope an enterprise's own count is counted in: NATIONAL, or the region it names. */
    static String scopeOfEnterprise(String enterpriseScope) {
        int at = enterpriseScope.indexOf(IN_SCOPE);
        return at < 0 ? KpiScopes.NATIONAL : enterpriseScope.substring(at + 1);
    }

    /** Whether the scope is an enterprise's own count rather than a published scope. */
    static boolean isEnterprise(String scope) {
        return scope.startsWith(ENTERPRISE);
    }

    /** Key of the pending store: one entry per KPI, scope and period, the period's KPI key. */
    static String pendingKey(EmissionKpi kpi, String scope, KpiGranularity granularity, long epochDay) {
        return KpiKeys.key(kpi.id(), scope, granularity, LocalDate.ofEpochDay(epochDay));
    }

    /** @throws ArithmeticException when the sum overflows */
    KpiDelta plus(long moreAmount, long moreEvents, long newerDataAsOf) {
        return new KpiDelta(kpi, scope, granularity, periodStartEpochDay, Micros.plus(amount, moreAmount),
                Micros.plus(events, moreEvents), Math.max(dataAsOf, newerDataAsOf));
    }

    /**
     * Version 2: the amount in millionths. Version 1 (the amount a double of the unit) began with the KPI's ordinal,
     * below {@link BinarySerde#VERSIONED}; its amount is rounded to the millionth as a new input's is.
     */
    static final BinarySerde<KpiDelta> SERDE = BinarySerde.versioned("KpiDelta", 2, (d, out) -> {
        out.writeByte(d.kpi.ordinal());
        out.writeUTF(d.scope);
        out.writeByte(d.granularity.ordinal());
        out.writeLong(d.periodStartEpochDay);
        out.writeLong(d.amount);
        out.writeLong(d.events);
        out.writeLong(d.dataAsOf);
    }, in -> read(in, 2), bytes -> bytes.length > 0 && (bytes[0] & BinarySerde.VERSIONED) == 0, in -> read(in, 1));

    private static KpiDelta read(DataInputStream in, int version) throws IOException {
        return new KpiDelta(EmissionKpi.ofOrdinal(in.readByte()), in.readUTF(),
                KpiGranularity.values()[in.readByte()], in.readLong(),
                version == 1 ? Micros.of(in.readDouble()) : in.readLong(), in.readLong(), in.readLong());
    }
}
