package kz.taza.emission.topology;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.emission.domain.SourceMonitoring;
import kz.taza.events.common.Pollutant;

/**
 * Everything the pipeline keeps about one emission source (facility and stack) between its readings, in one record of
 * {@link EmissionStores#SOURCES}, so that a reading in order costs one write of one (cached) store entry:
 * <ul>
 * <li>its monitoring status ({@link SourceMonitoring}, owned by {@link MonitoringGaps});</li>
 * <li>its VALID intervals in its newest day and month ({@link SourcePeriods}) and its KPI contributions not yet handed
 * on ({@link PendingKpis}), owned by {@link KpiContributions};</li>
 * <li>per pollutant measured ({@link SeriesState}): the newest interval, what was counted for the intervals of the newest
 * block ({@link KpiContributions}), and the exceedance episode ({@link ExceedanceEpisodes}).</li>
 * </ul>
 * The 4 pollutants of a source's interval usually arrive together, so one record per source, not per series, also
 * lets the record cache fold their writes into one. Each part's rules belong to its collaborator; this class only
 * holds the parts and writes them ({@link #SERDE}, versioned: a reader refuses a version it does not know rather than
 * misread it, and still reads the versions before, so that a rolling upgrade takes the records over). Version 3 adds
 * the mass-limit checks: per series the episodes against the g/s and t/yr limits and the tonnes of the newest year,
 * and per open episode the parts the mass kinds need (the limit and value at the newest interval above, the mg/Nm3
 * limit at the start, the peak concentration, the tonnes above the limit, the year). A version-2 record is read with
 * no mass episode open and no tonnes of the year (an upgraded deployment counts the year's tonnes from its first
 * interval after the upgrade). Version 2 keeps what was counted and what is pending in millionths
 * ({@link kz.taza.platform.kpi.Micros}); version 1 kept doubles, and is read with each amount rounded to the millionth
 * as a new reading's is.
 */
public final class SourceState {

    /** Version of the serialized form. */
    static final int VERSION = 3;

    SourceMonitoring monitoring = new SourceMonitoring();
    SourcePeriods periods = new SourcePeriods();
    PendingKpis pending = new PendingKpis();
    private final Map<Pollutant, SeriesState> series = new EnumMap<>(Pollutant.class);

    /** The source's monitoring status (what the read API shows). */
    public SourceMonitoring monitoring() {
        return monitoring;
    }

    /** The pollutant's series, created empty on first use. */
    SeriesState series(Pollutant pollutant) {
        SeriesState s = series.get(pollutant);
        if (s == null) {
            s = new SeriesState();
            series.put(pollutant, s);
        }
        return s;
    }

    /** The pollutants' series held (read-only). */
    Map<Pollutant, SeriesState> allSeries() {
        return java.util.Collections.unmodifiableMap(series);
    }

    /** Version 1 began with the byte 1 (version 2 with {@code 0x82}, 3 with {@code 0x83}, {@link BinarySerde#versioned}). */
    static final BinarySerde<SourceState> SERDE = BinarySerde.versionedWithEarlier("SourceState", VERSION,
            SourceState::write, (version, in) -> read(in, version), bytes -> bytes.length > 0 && bytes[0] == 1,
            SourceState::readVersionOne);

    private static void write(SourceState s, BinaryOut out) {
        writeMonitoring(s.monitoring, out);
        SourcePeriods.write(s.periods, out);
        PendingKpis.write(s.pending, out);
        out.writeByte(s.series.size());
        for (Map.Entry<Pollutant, SeriesState> e : s.series.entrySet()) {
            SeriesState series = e.getValue();
            out.writeUTF(e.getKey().name());
            out.writeLong(series.newestStart);
            out.writeBoolean(series.recent != null);
            if (series.recent != null) {
                CountedIntervals.write(series.recent, out);
            }
            writeEpisode(series.episode, out);
            writeEpisode(series.massRate, out);
            writeEpisode(series.annualMass, out);
            out.writeLong(series.yearStartDay);
            out.writeLong(series.yearGrams);
        }
    }

    private static SourceState readVersionOne(DataInputStream in) throws IOException {
        in.readUnsignedByte(); // the version, 1
        return read(in, 1);
    }

    private static SourceState read(DataInputStream in, int version) throws IOException {
        SourceState s = new SourceState();
        s.monitoring = readMonitoring(in);
        s.periods = SourcePeriods.read(in);
        s.pending = PendingKpis.read(in, version);
        int n = in.readUnsignedByte();
        for (int i = 0; i < n; i++) {
            SeriesState series = new SeriesState();
            Pollutant pollutant = Pollutant.valueOf(in.readUTF());
            series.newestStart = in.readLong();
            series.recent = in.readBoolean() ? CountedIntervals.read(in, version) : null;
            series.episode = readEpisode(in, version);
            if (version >= 3) {
                series.massRate = readEpisode(in, version);
                series.annualMass = readEpisode(in, version);
                series.yearStartDay = in.readLong();
                series.yearGrams = in.readLong();
            }
            s.series.put(pollutant, series);
        }
        return s;
    }

    private static void writeMonitoring(SourceMonitoring m, BinaryOut out) {
        out.writeLong(m.lastReadingEnd());
        out.writeLong(m.lastValidStart());
        out.writeDouble(m.lastValidMgNm3());
        BinarySerde.writeNullable(out, m.lastValidPollutant());
        out.writeBoolean(m.amsRequired());
        out.writeBoolean(m.gapOpen());
        out.writeLong(m.gapStartedAt());
    }

    private static SourceMonitoring readMonitoring(DataInputStream in) throws IOException {
        return SourceMonitoring.of(in.readLong(), in.readLong(), in.readDouble(), BinarySerde.readNullable(in),
                in.readBoolean(), in.readBoolean(), in.readLong());
    }

    /**
     * An episode: the newest interval compared, and only while one is open, the episode itself (from version 3 with
     * the parts the mass kinds add).
     */
    private static void writeEpisode(ExceedanceEpisode e, BinaryOut out) {
        out.writeLong(e.lastComparedStart());
        out.writeBoolean(e.open());
        if (e.open()) {
            out.writeUTF(e.episodeId());
            BinarySerde.writeNullable(out, e.permitId());
            out.writeDouble(e.limit());
            out.writeLong(e.startedAt());
            out.writeInt(e.intervalsAbove());
            out.writeDouble(e.peak());
            out.writeDouble(e.limitNow());
            out.writeDouble(e.measuredNow());
            out.writeDouble(e.concentrationLimitMgNm3());
            out.writeDouble(e.peakConcentrationMgNm3());
            out.writeDouble(e.excessTonnes());
            out.writeLong(e.yearStartDay());
        }
    }

    private static ExceedanceEpisode readEpisode(DataInputStream in, int version) throws IOException {
        long lastCompared = in.readLong();
        if (!in.readBoolean()) {
            return ExceedanceEpisode.of(lastCompared, false, null, null, 0.0, 0L, 0, 0.0);
        }
        ExceedanceEpisode e = ExceedanceEpisode.of(lastCompared, true, in.readUTF(), BinarySerde.readNullable(in),
                in.readDouble(), in.readLong(), in.readInt(), in.readDouble());
        if (version < 3) {
            return e; // a concentration episode: the limit and peak are the mg/Nm3 ones
        }
        return e.withMassParts(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readLong());
    }
}
