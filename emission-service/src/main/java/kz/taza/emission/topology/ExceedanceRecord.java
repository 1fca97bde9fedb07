package kz.taza.emission.topology;

/**
 * One exceedance episode of a facility as the read API shows it: open ({@code endedAt} null) or ended.
 *
 * @param episodeId           as in the ThresholdExceeded / ExceedanceEnded events
 * @param sourceId            the source
 * @param pollutant           the pollutant
 * @param permitId            the permit whose limit was exceeded
 * @param limitMgNm3          the mg/Nm3 limit when the episode started (for the mass kinds: the one in force then, 0
 *                            when none)
 * @param firstMeasuredMgNm3  the concentration of the first interval of the episode
 * @param startedAt           start of the first interval above the limit, epoch millis
 * @param endedAt             start of the interval that ended it, epoch millis; null while open
 * @param intervalsAbove      VALID intervals above the limit so far
 * @param peakMgNm3           highest concentration of the intervals above the limit so far
 * @param endReason           why it ended; null while open
 * @param limitKind           which limit ({@link kz.taza.emission.domain.LimitKind}); CONCENTRATION for episodes
 *                            kept before the mass limits were checked
 * @param limit               the limit of the kind when the episode started, in its unit (mg/Nm3, g/s, t/yr)
 * @param peak                the highest value of the kind so far, in its unit (for t/yr: the year's tonnes)
 * @param excessTonnes        the tonnes above the limit so far; null for the concentration
 */
public record ExceedanceRecord(String episodeId, String sourceId, String pollutant, String permitId,
        double limitMgNm3, double firstMeasuredMgNm3, long startedAt, Long endedAt, int intervalsAbove,
        double peakMgNm3, String endReason, String limitKind, double limit, double peak, Double excessTonnes) {

    /** An episode of the concentration (as kept before the mass limits were checked). */
    public ExceedanceRecord(String episodeId, String sourceId, String pollutant, String permitId, double limitMgNm3,
            double firstMeasuredMgNm3, long startedAt, Long endedAt, int intervalsAbove, double peakMgNm3,
            String endReason) {
        this(episodeId, sourceId, pollutant, permitId, limitMgNm3, firstMeasuredMgNm3, startedAt, endedAt,
                intervalsAbove, peakMgNm3, endReason, "CONCENTRATION", limitMgNm3, peakMgNm3, null);
    }
}
