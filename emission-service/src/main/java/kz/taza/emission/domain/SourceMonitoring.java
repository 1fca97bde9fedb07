package kz.taza.emission.domain;

/**
 * Monitoring status of one source of a facility: when it last sent a reading (any status), when it last sent a VALID
 * one, and whether a monitoring gap is open. Mutable, loaded and stored by the processor.
 *
 * <p>Rule: an AMS-required source that has sent nothing for longer than the threshold of event time has a gap
 * (declared once); its next reading for a later interval closes the gap. A late reading for an interval before the
 * gap does not: it says nothing about whether the source is sending now. "Now" is the readings' own clock (the newest
 * event time of the readings that share the source's partition), never the time records of other kinds carry: a
 * source is silent when the readings around it have moved on without it.
 */
public final class SourceMonitoring {

    public static final long NEVER = Long.MIN_VALUE;

    long lastReadingEnd = NEVER;
    long lastValidStart = NEVER;
    double lastValidMgNm3 = Double.NaN;
    String lastValidPollutant;
    boolean amsRequired;
    boolean gapOpen;
    long gapStartedAt = NEVER;

    public SourceMonitoring() {
    }

    public static SourceMonitoring of(long lastReadingEnd, long lastValidStart, double lastValidMgNm3,
            String lastValidPollutant, boolean amsRequired, boolean gapOpen, long gapStartedAt) {
        SourceMonitoring s = new SourceMonitoring();
        s.lastReadingEnd = lastReadingEnd;
        s.lastValidStart = lastValidStart;
        s.lastValidMgNm3 = lastValidMgNm3;
        s.lastValidPollutant = lastValidPollutant;
        s.amsRequired = amsRequired;
        s.gapOpen = gapOpen;
        s.gapStartedAt = gapStartedAt;
        return s;
    }

    /**
     * Records a reading. Returns {@code true} when it closes an open gap (publish MonitoringResumed; the gap started
     * at {@link #gapStartedAt()} as it was before this call, read it first).
     */
    public boolean onReading(long intervalStart, long intervalEnd, boolean valid, double concentration,
            String pollutant, boolean required) {
        amsRequired = required;
        boolean resumed = gapOpen && intervalEnd > gapStartedAt;
        if (resumed) {
            gapOpen = false;
        }
        if (intervalEnd > lastReadingEnd) {
            lastReadingEnd = intervalEnd;
        }
        if (valid && intervalStart >= lastValidStart) {
            lastValidStart = intervalStart;
            lastValidMgNm3 = concentration;
            lastValidPollutant = pollutant;
        }
        return resumed;
    }

    /**
     * Whether a gap is to be declared at {@code readingClock} (the readings' event time, see the class comment); if
     * so, opens it (it is declared once).
     */
    public boolean detectGap(long readingClock, long thresholdMillis) {
        if (!amsRequired || gapOpen || lastReadingEnd == NEVER || readingClock - lastReadingEnd <= thresholdMillis) {
            return false;
        }
        gapOpen = true;
        gapStartedAt = lastReadingEnd;
        return true;
    }

    public long lastReadingEnd() {
        return lastReadingEnd;
    }

    public long lastValidStart() {
        return lastValidStart;
    }

    public double lastValidMgNm3() {
        return lastValidMgNm3;
    }

    public String lastValidPollutant() {
        return lastValidPollutant;
    }

    public boolean amsRequired() {
        return amsRequired;
    }

    public boolean gapOpen() {
        return gapOpen;
    }

    public long gapStartedAt() {
        return gapStartedAt;
    }
}
