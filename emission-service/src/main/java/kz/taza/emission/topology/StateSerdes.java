package kz.taza.emission.topology;

import java.util.ArrayList;
import java.util.List;

import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.emission.domain.SourceMonitoring;

/** Serdes of the emission-service's state stores. */
final class StateSerdes {

    private StateSerdes() {
    }

    static final BinarySerde<ExceedanceEpisode> EPISODE = new BinarySerde<>("ExceedanceEpisode", (e, out) -> {
        out.writeLong(e.lastComparedStart());
        out.writeBoolean(e.open());
        BinarySerde.writeNullable(out, e.episodeId());
        BinarySerde.writeNullable(out, e.permitId());
        out.writeDouble(e.limitMgNm3());
        out.writeLong(e.startedAt());
        out.writeInt(e.intervalsAbove());
        out.writeDouble(e.peakMgNm3());
    }, in -> ExceedanceEpisode.of(in.readLong(), in.readBoolean(), BinarySerde.readNullable(in),
            BinarySerde.readNullable(in), in.readDouble(), in.readLong(), in.readInt(), in.readDouble()));

    static final BinarySerde<SourceMonitoring> MONITORING = new BinarySerde<>("SourceMonitoring", (s, out) -> {
        out.writeLong(s.lastReadingEnd());
        out.writeLong(s.lastValidStart());
        out.writeDouble(s.lastValidMgNm3());
        BinarySerde.writeNullable(out, s.lastValidPollutant());
        out.writeBoolean(s.amsRequired());
        out.writeBoolean(s.gapOpen());
        out.writeLong(s.gapStartedAt());
    }, in -> SourceMonitoring.of(in.readLong(), in.readLong(), in.readDouble(), BinarySerde.readNullable(in),
            in.readBoolean(), in.readBoolean(), in.readLong()));

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
