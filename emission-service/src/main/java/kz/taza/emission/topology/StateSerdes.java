package kz.taza.emission.topology;

import java.util.ArrayList;
import java.util.List;

/** Serdes of the emission-service's smaller state stores (the source records and interval blocks bring their own). */
final class StateSerdes {

    private StateSerdes() {
    }

    static final BinarySerde<ReportVersion> REPORT_VERSION = new BinarySerde<>("ReportVersion", (r, out) -> {
        out.writeLong(r.submittedAt());
        out.writeUTF(r.reportId());
        out.writeDouble(r.tonnes());
        out.writeUTF(r.scopes());
    }, in -> new ReportVersion(in.readLong(), in.readUTF(), in.readDouble(), in.readUTF()));

    static final BinarySerde<RecentExceedances> RECENT = new BinarySerde<>("RecentExceedances", (r, out) -> {
        out.writeInt(r.episodes().size());
        for (ExceedanceRecord e : r.episodes()) {
            out.writeUTF(e.episodeId());
            out.writeUTF(e.sourceId());
            out.writeUTF(e.pollutant());
            out.writeUTF(e.permitId());
            out.writeDouble(e.limitMgNm3());
            out.writeDouble(e.firstMeasuredMgNm3());
            out.writeLong(e.startedAt());
            out.writeBoolean(e.endedAt() != null);
            if (e.endedAt() != null) {
                out.writeLong(e.endedAt());
            }
            out.writeInt(e.intervalsAbove());
            out.writeDouble(e.peakMgNm3());
            BinarySerde.writeNullable(out, e.endReason());
        }
    }, in -> {
        int n = in.readInt();
        List<ExceedanceRecord> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new ExceedanceRecord(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readDouble(),
                    in.readDouble(), in.readLong(), in.readBoolean() ? in.readLong() : null, in.readInt(),
                    in.readDouble(), BinarySerde.readNullable(in)));
        }
        return new RecentExceedances(list);
    });

    /**
     * The report that counts for a facility, year and pollutant, and the KPI scopes its tonnes were added to (so that a
     * replacing report takes them back from the same scopes even if the facility's attributes changed meanwhile).
     */
    record ReportVersion(long submittedAt, String reportId, double tonnes, String scopes) {
    }
}
