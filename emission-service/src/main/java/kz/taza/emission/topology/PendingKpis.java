package kz.taza.emission.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;

/**
 * The KPI contributions of one source's readings that have not been handed on to the KPI totals yet, folded per KPI,
 * period, pollutant and region: the readings of a source in one flush interval add to a handful of entries, in the
 * source's own record, instead of writing a store entry per KPI, scope and reading. Every flush interval the entries of
 * all sources are spread over their scopes, folded again per KPI, scope and period, and handed on
 * ({@link KpiContributions#drain}).
 */
final class PendingKpis {

    private final List<Entry> entries = new ArrayList<>(4);

    /**
     * One contribution: of the KPI in the period starting {@code startDay}, for the source's pollutant (null when the
     * KPI has no pollutant scope) and region code (its REGION scope; any code, an unknown one has none).
     */
    static final class Entry {
        final EmissionKpi kpi;
        final KpiGranularity granularity;
        final Pollutant pollutant;
        final String regionCode;
        final long startDay;
        /** In millionths of the KPI's unit ({@link kz.taza.platform.kpi.Micros}). */
        long amount;
        long events;
        long dataAsOf;

        Entry(EmissionKpi kpi, KpiGranularity granularity, Pollutant pollutant, String regionCode, long startDay,
                long amount, long events, long dataAsOf) {
            this.kpi = kpi;
            this.granularity = granularity;
            this.pollutant = pollutant;
            this.regionCode = regionCode;
            this.startDay = startDay;
            this.amount = amount;
            this.events = events;
            this.dataAsOf = dataAsOf;
        }

        boolean sameAs(EmissionKpi k, KpiGranularity g, Pollutant p, String region, long day) {
            return kpi == k && granularity == g && pollutant == p && startDay == day
                    && java.util.Objects.equals(regionCode, region);
        }
    }

    /**
     * Adds a contribution, {@code amount} in millionths of the KPI's unit.
     *
     * @throws ArithmeticException when the entry's sum overflows
     */
    void add(EmissionKpi kpi, KpiGranularity granularity, Pollutant pollutant, String regionCode, long startDay,
            long amount, long events, long dataAsOf) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            Entry e = entries.get(i);
            if (e.sameAs(kpi, granularity, pollutant, regionCode, startDay)) {
                e.amount = Micros.plus(e.amount, amount);
                e.events += events;
                e.dataAsOf = Math.max(e.dataAsOf, dataAsOf);
                return;
            }
        }
        entries.add(new Entry(kpi, granularity, pollutant, regionCode, startDay, amount, events, dataAsOf));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * Adds every entry to each of its scopes (NATIONAL; the pollutant's; the region's, when the code names a region)
     * in {@code folded}, keyed by the KPI key of scope and period, and forgets them. A source's change of
     * {@code ams.sources.transmitting} is also its enterprise's ({@code operatorBin}, when known): counted under the
     * enterprise's own scopes ({@link KpiDelta#enterpriseScope}), nationally and in the region, from which
     * {@code ams.enterprises.connected.count} counts the enterprises with at least one source transmitting.
     */
    void drainInto(Map<String, KpiDelta> folded, Function<String, String> regionScope, String operatorBin) {
        for (Entry e : entries) {
            addTo(folded, e, e.kpi, KpiScopes.NATIONAL);
            if (e.pollutant != null) {
                addTo(folded, e, e.kpi, KpiScopes.pollutant(e.pollutant));
            }
            String region = regionScope.apply(e.regionCode);
            if (region != null) {
                addTo(folded, e, e.kpi, region);
            }
            if (e.kpi == EmissionKpi.SOURCES_TRANSMITTING && operatorBin != null) {
                addTo(folded, e, EmissionKpi.ENTERPRISES_CONNECTED, KpiDelta.enterpriseScope(operatorBin, null));
                if (region != null) {
                    addTo(folded, e, EmissionKpi.ENTERPRISES_CONNECTED,
                            KpiDelta.enterpriseScope(operatorBin, region));
                }
            }
        }
        entries.clear();
    }

    private static void addTo(Map<String, KpiDelta> folded, Entry e, EmissionKpi kpi, String scope) {
        folded.merge(KpiDelta.pendingKey(kpi, scope, e.granularity, e.startDay),
                new KpiDelta(kpi, scope, e.granularity, e.startDay, e.amount, e.events, e.dataAsOf),
                (a, b) -> a.plus(b.amount(), b.events(), b.dataAsOf()));
    }

    static void write(PendingKpis p, BinaryOut out) {
        out.writeShort(p.entries.size());
        for (Entry e : p.entries) {
            out.writeByte(e.kpi.ordinal());
            out.writeByte(e.granularity.ordinal());
            BinarySerde.writeNullable(out, e.pollutant == null ? null : e.pollutant.name());
            BinarySerde.writeNullable(out, e.regionCode);
            out.writeInt((int) e.startDay); // an epoch day
            out.writeLong(e.amount);
            out.writeInt((int) e.events); // the readings of one source in one flush interval
            out.writeLong(e.dataAsOf);
        }
    }

    /** Reads the entries of a source record of the given version (1: amounts in doubles, rounded to millionths). */
    static PendingKpis read(java.io.DataInputStream in, int version) throws java.io.IOException {
        PendingKpis p = new PendingKpis();
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            EmissionKpi kpi = EmissionKpi.ofOrdinal(in.readByte());
            KpiGranularity granularity = KpiGranularity.values()[in.readByte()];
            String pollutant = BinarySerde.readNullable(in);
            p.entries.add(new Entry(kpi, granularity, pollutant == null ? null : Pollutant.valueOf(pollutant),
                    BinarySerde.readNullable(in), in.readInt(),
                    version == 1 ? Micros.of(in.readDouble()) : in.readLong(), in.readInt(), in.readLong()));
        }
        return p;
    }
}
