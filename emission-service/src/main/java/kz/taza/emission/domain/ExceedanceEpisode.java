package kz.taza.emission.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where one source and pollutant of a facility stands against one kind of limit ({@link LimitKind}): the newest VALID
 * interval compared so far, and the open exceedance episode, if any. The limit, the peak and the values measured are
 * in the unit of the kind (mg/Nm3, g/s, or tonnes of the year for t/yr). Mutable: the processor loads it,
 * {@link ExceedanceDetector} advances it, the processor stores it.
 */
public final class ExceedanceEpisode {

    /** No interval compared yet. */
    public static final long NEVER = Long.MIN_VALUE;

    long lastComparedStart = NEVER;
    boolean open;
    String episodeId;
    String permitId;
    double limit;
    long startedAt;
    int intervalsAbove;
    double peak;
    double lastMeasured;
    long endedAt;
    /** The limit in force and the value measured at the newest interval above the limit. */
    double limitNow;
    double measuredNow;
    /** The mg/Nm3 limit in force at the first interval (0 when none), for the events of the mass kinds. */
    double concentrationLimitMgNm3;
    /** The highest concentration of the intervals above the limit, mg/Nm3. */
    double peakConcentrationMgNm3;
    /** The tonnes above the limit so far (the mass kinds; 0 for the concentration). */
    double excessTonnes;
    /** For the annual mass: the first day (epoch day) of the calendar year of the open episode. */
    long yearStartDay;

    public ExceedanceEpisode() {
    }

    /** A fully specified state, as a serde reads it back (the parts of the concentration's episode). */
    public static ExceedanceEpisode of(long lastComparedStart, boolean open, String episodeId, String permitId,
            double limit, long startedAt, int intervalsAbove, double peak) {
        ExceedanceEpisode e = new ExceedanceEpisode();
        e.lastComparedStart = lastComparedStart;
        e.open = open;
        e.episodeId = episodeId;
        e.permitId = permitId;
        e.limit = limit;
        e.startedAt = startedAt;
        e.intervalsAbove = intervalsAbove;
        e.peak = peak;
        e.limitNow = limit;
        e.measuredNow = peak;
        e.concentrationLimitMgNm3 = limit;
        e.peakConcentrationMgNm3 = peak;
        return e;
    }

    /** Sets the parts the mass kinds add (as a serde reads them back); returns this. */
    public ExceedanceEpisode withMassParts(double limitNow, double measuredNow, double concentrationLimitMgNm3,
            double peakConcentrationMgNm3, double excessTonnes, long yearStartDay) {
        this.limitNow = limitNow;
        this.measuredNow = measuredNow;
        this.concentrationLimitMgNm3 = concentrationLimitMgNm3;
        this.peakConcentrationMgNm3 = peakConcentrationMgNm3;
        this.excessTonnes = excessTonnes;
        this.yearStartDay = yearStartDay;
        return this;
    }

    /** The id of the episode starting at that interval: the same inputs always give the same id. */
    public static String episodeIdFor(String facilityId, String sourceId, String pollutant, long startedAt) {
        String name = facilityId + '|' + sourceId + '|' + pollutant + '|' + startedAt;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The id of an episode of that kind starting at that interval. The concentration's ids are those of the versions
     * before the mass limits ({@link #episodeIdFor(String, String, String, long)}); the mass kinds' ids also name the
     * kind, so that episodes of two kinds starting with the same interval have different ids.
     */
    public static String episodeIdFor(LimitKind kind, String facilityId, String sourceId, String pollutant,
            long startedAt) {
        return kind == LimitKind.CONCENTRATION ? episodeIdFor(facilityId, sourceId, pollutant, startedAt)
                : episodeIdFor(facilityId, sourceId, pollutant + '|' + kind.name(), startedAt);
    }

    public long lastComparedStart() {
        return lastComparedStart;
    }

    public boolean open() {
        return open;
    }

    public String episodeId() {
        return episodeId;
    }

    public String permitId() {
        return permitId;
    }

    /** The limit in force when the episode started, in the kind's unit. */
    public double limit() {
        return limit;
    }

    public long startedAt() {
        return startedAt;
    }

    public int intervalsAbove() {
        return intervalsAbove;
    }

    /** The highest value measured in the episode, in the kind's unit. */
    public double peak() {
        return peak;
    }

    /** The value of the last interval compared (the one that started or ended the episode), in the kind's unit. */
    public double lastMeasured() {
        return lastMeasured;
    }

    /** Start of the interval that ended the last episode (valid right after an end transition). */
    public long endedAt() {
        return endedAt;
    }

    /** The limit in force at the newest interval above it (an amendment mid-episode changes it). */
    public double limitNow() {
        return limitNow;
    }

    /** The value measured at the newest interval above the limit. */
    public double measuredNow() {
        return measuredNow;
    }

    public double concentrationLimitMgNm3() {
        return concentrationLimitMgNm3;
    }

    public double peakConcentrationMgNm3() {
        return peakConcentrationMgNm3;
    }

    /** The tonnes above the limit so far (mass kinds). */
    public double excessTonnes() {
        return excessTonnes;
    }

    public long yearStartDay() {
        return yearStartDay;
    }
}
