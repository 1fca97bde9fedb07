package kz.taza.emission.api;

import java.time.Instant;

import kz.taza.emission.domain.SourceMonitoring;

/**
 * Monitoring status of one source, as the read API shows it.
 *
 * @param sourceId            the source
 * @param amsRequired         whether the source must have AMS
 * @param lastReadingAt       end of the newest interval received (any status)
 * @param lastValidReadingAt  start of the newest VALID interval; null when none
 * @param lastValidMgNm3      its concentration; null when none
 * @param lastValidPollutant  its pollutant; null when none
 * @param gapOpen             whether a monitoring gap is open
 * @param gapStartedAt        when the open gap started; null when none is open
 */
public record SourceStatus(String sourceId, boolean amsRequired, Instant lastReadingAt, Instant lastValidReadingAt,
        Double lastValidMgNm3, String lastValidPollutant, boolean gapOpen, Instant gapStartedAt) {

    static SourceStatus of(String sourceId, SourceMonitoring m) {
        boolean hasValid = m.lastValidStart() != SourceMonitoring.NEVER;
        return new SourceStatus(sourceId, m.amsRequired(),
                m.lastReadingEnd() == SourceMonitoring.NEVER ? null : Instant.ofEpochMilli(m.lastReadingEnd()),
                hasValid ? Instant.ofEpochMilli(m.lastValidStart()) : null,
                hasValid ? m.lastValidMgNm3() : null, hasValid ? m.lastValidPollutant() : null, m.gapOpen(),
                m.gapOpen() ? Instant.ofEpochMilli(m.gapStartedAt()) : null);
    }
}
