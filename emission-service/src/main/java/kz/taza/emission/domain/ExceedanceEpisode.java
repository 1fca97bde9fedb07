package kz.taza.emission.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where one source and pollutant of a facility stands against its limit: the newest VALID interval compared so far,
 * and the open exceedance episode, if any. Mutable: the processor loads it, {@link ExceedanceDetector} advances it,
 * the processor stores it.
 */
public final class ExceedanceEpisode {

    /** No interval compared yet. */
    public static final long NEVER = Long.MIN_VALUE;

    long lastComparedStart = NEVER;
    boolean open;
    String episodeId;
    String permitId;
    double limitMgNm3;
    long startedAt;
    int intervalsAbove;
    double peakMgNm3;
    double lastMeasuredMgNm3;
    long endedAt;

    public ExceedanceEpisode() {
    }

    /** A fully specified state, as a serde reads it back. */
    public static ExceedanceEpisode of(long lastComparedStart, boolean open, String episodeId, String permitId,
            double limitMgNm3, long startedAt, int intervalsAbove, double peakMgNm3) {
        ExceedanceEpisode e = new ExceedanceEpisode();
        e.lastComparedStart = lastComparedStart;
        e.open = open;
        e.episodeId = episodeId;
        e.permitId = permitId;
        e.limitMgNm3 = limitMgNm3;
        e.startedAt = startedAt;
        e.intervalsAbove = intervalsAbove;
        e.peakMgNm3 = peakMgNm3;
        return e;
    }

    /** The id of the episode starting at that interval: the same inputs always give the same id. */
    public static String episodeIdFor(String facilityId, String sourceId, String pollutant, long startedAt) {
        String name = facilityId + '|' + sourceId + '|' + pollutant + '|' + startedAt;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
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

    public double limitMgNm3() {
        return limitMgNm3;
    }

    public long startedAt() {
        return startedAt;
    }

    public int intervalsAbove() {
        return intervalsAbove;
    }

    public double peakMgNm3() {
        return peakMgNm3;
    }

    /** The concentration of the last interval compared (the one that started or ended the episode). */
    public double lastMeasuredMgNm3() {
        return lastMeasuredMgNm3;
    }

    /** Start of the interval that ended the last episode (valid right after an end transition). */
    public long endedAt() {
        return endedAt;
    }
}
