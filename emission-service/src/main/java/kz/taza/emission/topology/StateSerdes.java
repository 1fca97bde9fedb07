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
}
