package kz.taza.emission.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.contracts.emission.ReportVersions;
import kz.taza.emission.EmissionFixtures;
import kz.taza.emission.domain.ExceedanceDetector.Transition;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.PermitStatus;

/** The emission domain rules as plain functions. */
class EmissionRulesTest {

    private static final long NOW = Instant.parse("2025-03-10T12:00:00Z").toEpochMilli();
    private final Facility facility = EmissionFixtures.facility("F1");

    @Test
    void aReadingBreakingSeveralRulesIsAnsweredWithEachOfThem() {
        AmsReading reading = EmissionFixtures.reading("F1", Pollutant.OTHER, Instant.parse("2025-03-03T10:05:00Z"),
                -1, 0, ReadingStatus.VALID);
        reading.setSourceId("STACK-404");

        assertThat(ReadingRules.defaults().violations(reading, facility, NOW))
                .extracting(ReadingViolation::rule)
                .containsExactly(ReadingViolation.Rule.NEGATIVE_CONCENTRATION, ReadingViolation.Rule.NON_POSITIVE_FLOW,
                        ReadingViolation.Rule.MISALIGNED_INTERVAL, ReadingViolation.Rule.UNKNOWN_POLLUTANT,
                        ReadingViolation.Rule.UNKNOWN_SOURCE);
    }

    @Test
    void concentrationsAndFlowsOutsideTheirPhysicalRangeAreRefusedSoNoMassCanOverflowATotal() {
        ReadingRules rules = ReadingRules.defaults();
        Instant start = Instant.parse("2025-03-03T00:00:00Z");
        // the largest reading taken in: both at their bound, a day long, weighs a finite 48,000 t
        AmsReading largest = EmissionFixtures.reading("F1", Pollutant.SO2, start,
                ReadingRules.MAX_CONCENTRATION_MG_NM3, ReadingRules.MAX_FLOW_NM3_PER_HOUR, ReadingStatus.VALID);
        largest.setIntervalMinutes(1440);
        assertThat(rules.violations(largest, facility, NOW)).isEmpty();
        assertThat(EmissionMass.tonnes(ReadingRules.MAX_CONCENTRATION_MG_NM3, ReadingRules.MAX_FLOW_NM3_PER_HOUR,
                1440)).isEqualTo(48_000.0);

        // 1e300 x 1e300 would have been an infinite mass, and a NaN national total once corrected
        AmsReading huge = EmissionFixtures.reading("F1", Pollutant.SO2, start, 1e300, 1e300, ReadingStatus.VALID);
        assertThat(rules.violations(huge, facility, NOW)).extracting(ReadingViolation::rule, ReadingViolation::field)
                .containsExactly(tuple(ReadingViolation.Rule.CONCENTRATION_OUT_OF_RANGE, "concentrationMgNm3"),
                        tuple(ReadingViolation.Rule.FLOW_OUT_OF_RANGE, "flowNm3PerHour"));
        AmsReading notNumbers = EmissionFixtures.reading("F1", Pollutant.SO2, start, Double.NaN,
                Double.POSITIVE_INFINITY, ReadingStatus.VALID);
        assertThat(rules.violations(notNumbers, facility, NOW)).extracting(ReadingViolation::rule)
                .containsExactly(ReadingViolation.Rule.NEGATIVE_CONCENTRATION, ReadingViolation.Rule.NON_POSITIVE_FLOW);
        assertThatThrownBy(() -> EmissionMass.tonnes(1e300, 1e300, 60)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> EmissionMass.tonnes(Double.NaN, 1, 60)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void intervalsBeforeTheDocumentedWindowAreRefusedAtTheDoorNotDroppedByStreamsLater() {
        ReadingRules rules = ReadingRules.defaults();
        AmsReading before1970 = EmissionFixtures.reading("F1", Instant.parse("1969-12-31T23:00:00Z"), 1,
                ReadingStatus.VALID);
        AmsReading before2000 = EmissionFixtures.reading("F1", Instant.parse("1999-12-31T23:00:00Z"), 1,
                ReadingStatus.VALID);
        AmsReading first = EmissionFixtures.reading("F1", ReadingRules.EARLIEST_INTERVAL_START, 1,
                ReadingStatus.VALID);

        assertThat(rules.firstViolation(before1970, facility, NOW)).extracting(ReadingViolation::rule,
                ReadingViolation::field).containsExactly(ReadingViolation.Rule.DATE_TOO_EARLY, "intervalStart");
        assertThat(rules.firstViolation(before2000, facility, NOW).rule())
                .isEqualTo(ReadingViolation.Rule.DATE_TOO_EARLY);
        assertThat(rules.firstViolation(first, facility, NOW)).isNull();
    }

    @Test
    void aReadingSlightlyAheadOfTheClockIsToleratedButNotOneAnHourAhead() {
        ReadingRules rules = ReadingRules.defaults();
        AmsReading drift = EmissionFixtures.reading("F1", Instant.parse("2025-03-10T12:00:00Z").plusSeconds(240),
                1, ReadingStatus.VALID);
        drift.setIntervalMinutes(1);
        AmsReading ahead = EmissionFixtures.reading("F1", Instant.parse("2025-03-10T13:00:00Z"), 1,
                ReadingStatus.VALID);

        assertThat(rules.firstViolation(drift, facility, NOW)).isNull();
        assertThat(rules.firstViolation(ahead, facility, NOW).rule()).isEqualTo(ReadingViolation.Rule.IN_FUTURE);
    }

    @Test
    void onlyAnActivePermitWithinItsValidityHasALimitInForce() {
        long day = Instant.parse("2025-03-03T10:00:00Z").toEpochMilli() / 86_400_000L;
        assertThat(PermitLimits.limitInForce(EmissionFixtures.permit("F1", PermitStatus.ACTIVE, 400), "STACK-1",
                Pollutant.SO2, day)).isEqualTo(400.0);
        assertThat(PermitLimits.inForce(PermitLimits.limitInForce(
                EmissionFixtures.permit("F1", PermitStatus.REVOKED, 400), "STACK-1", Pollutant.SO2, day))).isFalse();
        assertThat(PermitLimits.inForce(PermitLimits.limitInForce(
                EmissionFixtures.permit("F1", PermitStatus.ACTIVE, 400), "STACK-1", Pollutant.NOX, day))).isFalse();
        long beforeIssue = java.time.LocalDate.of(2024, 1, 1).toEpochDay();
        assertThat(PermitLimits.inForce(PermitLimits.limitInForce(
                EmissionFixtures.permit("F1", PermitStatus.ACTIVE, 400), "STACK-1", Pollutant.SO2, beforeIssue)))
                .isFalse();
    }

    @Test
    void aLateIntervalDoesNotRewriteAnEpisode() {
        ExceedanceEpisode state = new ExceedanceEpisode();
        assertThat(ExceedanceDetector.apply(state, 2_000, 500, 400, "P", t -> "E" + t)).isEqualTo(Transition.STARTED);
        assertThat(ExceedanceDetector.apply(state, 1_000, 100, 400, "P", t -> "E" + t)).isEqualTo(Transition.STALE);
        assertThat(state.open()).isTrue();
        assertThat(ExceedanceDetector.apply(state, 3_000, 100, 400, "P", t -> "E" + t))
                .isEqualTo(Transition.ENDED_BACK_UNDER);
    }

    @Test
    void aReadingIsTooLateOnlyBeyondTheHorizonOfTheNewestIntervalAndNeverBeforeTheFirst() {
        LatenessHorizon horizon = new LatenessHorizon(java.time.Duration.ofDays(7));
        long newest = Instant.parse("2025-03-09T10:00:00Z").toEpochMilli();
        long week = java.time.Duration.ofDays(7).toMillis();

        assertThat(horizon.check(newest - week, newest)).isNull();
        assertThat(horizon.check(newest + 60_000, newest)).isNull();
        assertThat(horizon.check(Long.MIN_VALUE + 1, Long.MIN_VALUE)).isNull(); // nothing taken in yet
        ReadingViolation late = horizon.check(newest - week - 1, newest);
        assertThat(late.rule()).isEqualTo(ReadingViolation.Rule.TOO_LATE);
        assertThat(late.field()).isEqualTo("intervalStart");
        assertThat(late.describe()).startsWith("TOO_LATE: ").contains("PT168H");
    }

    @Test
    void massIsConcentrationTimesFlowTimesHoursOverABillion() {
        // 1,000 mg/Nm3 x 1,000,000 Nm3/h x 1 h = 10^9 mg = 1 t
        assertThat(EmissionMass.tonnes(1_000, 1_000_000, 60)).isEqualTo(1.0);
    }

    @Test
    void availabilityCountsIntervalsElapsedInThePeriodOnly() {
        long day = 86_400_000L;
        // 2 sources x 4 pollutants x 3 intervals elapsed (an hour of 20-minute intervals)
        assertThat(DataAvailability.expectedIntervals(2, 4, 0, day, 3_600_000L, 20)).isEqualTo(24);
        // never past the period's end: 72 intervals a day
        assertThat(DataAvailability.expectedIntervals(1, 1, 0, day, 2 * day, 20)).isEqualTo(72);
        assertThat(DataAvailability.percent(18, 24)).isEqualTo(75.0);
        assertThat(DataAvailability.percent(0, 0)).isNull();
    }

    @Test
    void theLaterReportSubmissionWinsAndATieIsBrokenByReportId() {
        assertThat(ReportVersions.replaces(2, "a", 1, "b")).isTrue();
        assertThat(ReportVersions.replaces(1, "z", 2, "a")).isFalse();
        assertThat(ReportVersions.replaces(1, "b", 1, "a")).isTrue();
        assertThat(ReportVersions.replaces(1, "a", Long.MIN_VALUE, null)).isTrue();
    }
}
