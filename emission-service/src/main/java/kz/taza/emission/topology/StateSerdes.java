package kz.taza.emission.topology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import kz.taza.platform.kpi.Micros;

/** Serdes of the emission-service's smaller state stores (the source records and interval blocks bring their own). */
final class StateSerdes {

    private StateSerdes() {
    }

    /**
     * Version 3: version 2 and the report's fee (in millionths of a tenge, the rate applied as a decimal, the MCI
     * applied, whether it is redirected). Version 2: the tonnes in millionths, no fee (read as not charged: it was
     * counted before fees were). Version 1 (tonnes as a double) began with the submission time, whose first byte is 0
     * for any time after 1970; its tonnes are rounded to the millionth as a new report's are.
     */
    static final BinarySerde<ReportVersion> REPORT_VERSION = BinarySerde.versionedWithEarlier("ReportVersion", 3,
            (r, out) -> {
                out.writeLong(r.submittedAt());
                out.writeUTF(r.reportId());
                out.writeLong(r.grams());
                out.writeUTF(r.scopes());
                out.writeLong(r.feeMicroKzt());
                BinarySerde.writeNullable(out, r.rateMciPerTonne() == null ? null
                        : r.rateMciPerTonne().toPlainString());
                out.writeLong(r.mciKzt());
                out.writeBoolean(r.redirected());
            }, (version, in) -> {
                long submittedAt = in.readLong();
                String reportId = in.readUTF();
                long grams = in.readLong();
                String scopes = in.readUTF();
                if (version == 2) {
                    return new ReportVersion(submittedAt, reportId, grams, scopes);
                }
                long fee = in.readLong();
                String rate = BinarySerde.readNullable(in);
                return new ReportVersion(submittedAt, reportId, grams, scopes, fee,
                        rate == null ? null : new BigDecimal(rate), in.readLong(), in.readBoolean());
            },
            bytes -> bytes.length > 0 && (bytes[0] & BinarySerde.VERSIONED) == 0,
            in -> new ReportVersion(in.readLong(), in.readUTF(), Micros.of(in.readDouble()), in.readUTF()));

    /**
     * Version 2: each episode also with its kind of limit, the limit and peak in the kind's unit, and the tonnes above
     * the limit. Version 1 (no version byte) began with the number of episodes as an int, whose first byte is 0; its
     * episodes are of the concentration.
     */
    static final BinarySerde<RecentExceedances> RECENT = BinarySerde.versioned("RecentExceedances", 2, (r, out) -> {
        out.writeInt(r.episodes().size());
        for (ExceedanceRecord e : r.episodes()) {
            writeEpisodeVersionOne(e, out);
            out.writeUTF(e.limitKind());
            out.writeDouble(e.limit());
            out.writeDouble(e.peak());
            out.writeBoolean(e.excessTonnes() != null);
            if (e.excessTonnes() != null) {
                out.writeDouble(e.excessTonnes());
            }
        }
    }, in -> {
        int n = in.readInt();
        List<ExceedanceRecord> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ExceedanceRecord e = readEpisodeVersionOne(in);
            list.add(new ExceedanceRecord(e.episodeId(), e.sourceId(), e.pollutant(), e.permitId(), e.limitMgNm3(),
                    e.firstMeasuredMgNm3(), e.startedAt(), e.endedAt(), e.intervalsAbove(), e.peakMgNm3(),
                    e.endReason(), in.readUTF(), in.readDouble(), in.readDouble(),
                    in.readBoolean() ? in.readDouble() : null));
        }
        return new RecentExceedances(list);
    }, bytes -> bytes.length > 0 && (bytes[0] & BinarySerde.VERSIONED) == 0, in -> {
        int n = in.readInt();
        List<ExceedanceRecord> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readEpisodeVersionOne(in));
        }
        return new RecentExceedances(list);
    });

    /** The form of an episode in version 1 (and the start of its form in version 2). */
    static void writeEpisodeVersionOne(ExceedanceRecord e, BinaryOut out) {
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

    private static ExceedanceRecord readEpisodeVersionOne(java.io.DataInputStream in) throws java.io.IOException {
        return new ExceedanceRecord(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readDouble(),
                in.readDouble(), in.readLong(), in.readBoolean() ? in.readLong() : null, in.readInt(),
                in.readDouble(), BinarySerde.readNullable(in));
    }
}
