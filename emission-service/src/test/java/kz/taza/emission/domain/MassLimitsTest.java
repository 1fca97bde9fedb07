package kz.taza.emission.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.emission.domain.ExceedanceDetector.Transition;
import kz.taza.events.common.Pollutant;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitType;

/** The limits of each kind in force, and what the detector keeps of an episode of a mass kind. */
class MassLimitsTest {

    private static final long DAY = LocalDate.of(2025, 3, 3).toEpochDay();

    @Test
    void eachKindReadsItsOwnValueOfTheSourcesLimitUnderTheSameInForceRules() {
        Permit permit = permit(PermitStatus.ACTIVE, 400.0, 40.0, null);

        assertThat(PermitLimits.limitInForce(LimitKind.CONCENTRATION, permit, "STACK-1", Pollutant.SO2, DAY))
                .isEqualTo(400.0);
        assertThat(PermitLimits.limitInForce(LimitKind.MASS_RATE, permit, "STACK-1", Pollutant.SO2, DAY))
                .isEqualTo(40.0);
        assertThat(PermitLimits.inForce(
                PermitLimits.limitInForce(LimitKind.ANNUAL_MASS, permit, "STACK-1", Pollutant.SO2, DAY))).isFalse();
        assertThat(PermitLimits.inForce(
                PermitLimits.limitInForce(LimitKind.MASS_RATE, permit, "STACK-2", Pollutant.SO2, DAY))).isFalse();
        Permit suspended = permit(PermitStatus.SUSPENDED, 400.0, 40.0, 5000.0);
        assertThat(PermitLimits.inForce(
                PermitLimits.limitInForce(LimitKind.MASS_RATE, suspended, "STACK-1", Pollutant.SO2, DAY))).isFalse();
        long beforeValidity = LocalDate.of(2024, 5, 31).toEpochDay();
        assertThat(PermitLimits.inForce(PermitLimits.limitInForce(LimitKind.ANNUAL_MASS,
                permit(PermitStatus.ACTIVE, null, null, 5000.0), "STACK-1", Pollutant.SO2, beforeValidity)))
                .isFalse();
    }

    @Test
    void theExcessOfAMassRateEpisodeIsSummedAndThatOfTheAnnualMassReplaced() {
        ExceedanceEpisode rate = new ExceedanceEpisode();
        assertThat(ExceedanceDetector.apply(rate, 1_000, 45.0, 40.0, "P", t -> "E" + t)).isEqualTo(Transition.STARTED);
        ExceedanceDetector.above(rate, 450.0, 0.006, false);
        assertThat(ExceedanceDetector.apply(rate, 2_000, 50.0, 40.0, "P", t -> "E" + t)).isEqualTo(Transition.NONE);
        ExceedanceDetector.above(rate, 500.0, 0.012, false);
        assertThat(rate.excessTonnes()).isCloseTo(0.018, within(1e-12));
        assertThat(rate.peakConcentrationMgNm3()).isEqualTo(500.0);
        assertThat(rate.peak()).isEqualTo(50.0);

        ExceedanceEpisode annual = new ExceedanceEpisode();
        ExceedanceDetector.apply(annual, 1_000, 0.21, 0.2, "P", t -> "E" + t);
        ExceedanceDetector.above(annual, 450.0, 0.01, true);
        ExceedanceDetector.apply(annual, 2_000, 0.26, 0.2, "P", t -> "E" + t);
        ExceedanceDetector.above(annual, 450.0, 0.06, true);
        assertThat(annual.excessTonnes()).isCloseTo(0.06, within(1e-12));
        assertThat(annual.measuredNow()).isEqualTo(0.26);
    }

    @Test
    void theEndOfTheYearEndsAnOpenEpisodeOnlyAtANewerInterval() {
        ExceedanceEpisode annual = new ExceedanceEpisode();
        ExceedanceDetector.apply(annual, 2_000, 0.21, 0.2, "P", t -> "E" + t);

        assertThat(ExceedanceDetector.endYear(annual, 1_000, 0.01)).isEqualTo(Transition.STALE);
        assertThat(annual.open()).isTrue();
        assertThat(ExceedanceDetector.endYear(annual, 3_000, 0.01)).isEqualTo(Transition.ENDED_YEAR);
        assertThat(annual.open()).isFalse();
        assertThat(annual.endedAt()).isEqualTo(3_000);
        assertThat(ExceedanceDetector.endYear(annual, 4_000, 0.02)).isEqualTo(Transition.NONE);
    }

    @Test
    void episodesOfTwoKindsStartingWithTheSameIntervalHaveDifferentIdsAndTheConcentrationsKeepItsFormerOne() {
        String concentration = ExceedanceEpisode.episodeIdFor(LimitKind.CONCENTRATION, "F", "S", "SO2", 1_000);
        assertThat(concentration).isEqualTo(ExceedanceEpisode.episodeIdFor("F", "S", "SO2", 1_000));
        assertThat(ExceedanceEpisode.episodeIdFor(LimitKind.MASS_RATE, "F", "S", "SO2", 1_000))
                .isNotEqualTo(concentration)
                .isNotEqualTo(ExceedanceEpisode.episodeIdFor(LimitKind.ANNUAL_MASS, "F", "S", "SO2", 1_000));
    }

    private static Permit permit(PermitStatus status, Double mg, Double gramsPerSecond, Double tonnesPerYear) {
        Instant issued = Instant.parse("2024-06-01T00:00:00Z");
        return Permit.newBuilder().setPermitId("KEP-1").setFacilityId("F").setType(PermitType.KEP).setStatus(status)
                .setValidFrom(LocalDate.of(2024, 6, 1)).setValidTo(LocalDate.of(2034, 5, 31))
                .setLimits(List.of(PermitLimit.newBuilder().setSourceId("STACK-1").setPollutant(Pollutant.SO2)
                        .setGramsPerSecond(gramsPerSecond).setTonnesPerYear(tonnesPerYear).setMgPerNm3(mg).build()))
                .setIssuedAt(issued).setUpdatedAt(issued).build();
    }
}
