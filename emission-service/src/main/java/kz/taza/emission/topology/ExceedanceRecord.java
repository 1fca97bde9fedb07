package kz.taza.emission.topology;

/**
 * One exceedance episode of a facility as the read API shows it: open ({@code endedAt} null) or ended.
 *
 * @param episodeId           as in the ThresholdExceeded / ExceedanceEnded events
 * @param sourceId            the source
 * @param pollutant           the pollutant
 * @param permitId            the permit whose limit was exceeded
 * @param limitMgNm3          the limit when the episode started
 * @param firstMeasuredMgNm3  the concentration of the first interval above the limit
 * @param startedAt           start of the first interval above the limit, epoch millis
 * @param endedAt             start of the interval that ended it, epoch millis; null while open
 * @param intervalsAbove      VALID intervals above the limit so far
 * @param peakMgNm3           highest concentration so far
 * @param endReason           why it ended; null while open
 */
public record ExceedanceRecord(String episodeId, String sourceId, String pollutant, String permitId,
        double limitMgNm3, double firstMeasuredMgNm3, long startedAt, Long endedAt, int intervalsAbove,
        double peakMgNm3, String endReason) {
}
