package kz.taza.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import kz.taza.events.inspection.ExceedanceRef;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.FineRecord;
import kz.taza.events.inspection.InspectionRecord;
import kz.taza.events.inspection.InspectionStatus;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.Payment;
import kz.taza.events.inspection.ViolationFound;
import kz.taza.events.inspection.ViolationSeverity;
import kz.taza.events.permit.FacilityCategory;

/** The risk score that orders the yearly risk-based plan, part by part, and the plan it makes. */
class RiskScoreTest {

    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final int PLAN_YEAR = 2026;

    @Test
    @DisplayName("the category gives 40, 25, 10 or 0 points; an unknown category none")
    void categoryPoints() {
        assertThat(RiskScore.of(facility("F-1", FacilityCategory.I).build(), PLAN_YEAR, ALMATY)).isEqualTo(40.0);
        assertThat(RiskScore.of(facility("F-2", FacilityCategory.II).build(), PLAN_YEAR, ALMATY)).isEqualTo(25.0);
        assertThat(RiskScore.of(facility("F-3", FacilityCategory.III).build(), PLAN_YEAR, ALMATY)).isEqualTo(10.0);
        assertThat(RiskScore.of(facility("F-4", FacilityCategory.IV).build(), PLAN_YEAR, ALMATY)).isZero();
        assertThat(RiskScore.of(facility("F-5", null).build(), PLAN_YEAR, ALMATY)).isZero();
    }

    @Test
    @DisplayName("violations of completed inspections since 1 January three years before count 10/5/2, at most 30")
    void violationPoints() {
        // completed 2023-01-01 (the first day that counts for 2026): a gross and a minor violation, 12 points
        InspectionRecord counted = completed("I-1", LocalDate.of(2023, 1, 1), ViolationSeverity.GROSS,
                ViolationSeverity.MINOR);
        // completed 2022-12-31: too old
        InspectionRecord old = completed("I-2", LocalDate.of(2022, 12, 31), ViolationSeverity.GROSS);
        // scheduled, not completed: its violations are not yet found
        InspectionRecord open = inspection("I-3", InspectionStatus.SCHEDULED, null);
        FacilityCompliance f = facility("F-1", FacilityCategory.IV).setInspections(List.of(counted, old, open))
                .build();
        assertThat(RiskScore.of(f, PLAN_YEAR, ALMATY)).isEqualTo(12.0);

        // a significant one more: 17; many more: capped at 30
        f.setInspections(List.of(counted, completed("I-4", LocalDate.of(2025, 6, 1), ViolationSeverity.SIGNIFICANT)));
        assertThat(RiskScore.of(f, PLAN_YEAR, ALMATY)).isEqualTo(17.0);
        f.setInspections(List.of(counted, completed("I-5", LocalDate.of(2025, 6, 1), ViolationSeverity.GROSS,
                ViolationSeverity.GROSS, ViolationSeverity.GROSS)));
        assertThat(RiskScore.of(f, PLAN_YEAR, ALMATY)).isEqualTo(RiskScore.VIOLATIONS_CAP);
    }

    @Test
    @DisplayName("exceedance episodes since 1 January of the year before (Kazakhstan time) count 3 each, at most 15")
    void exceedancePoints() {
        // 2025-01-01T00:30 in Almaty (UTC+5) is still 31 December 2024 in UTC: it counts
        ExceedanceRef firstDay = episode("E-1", Instant.parse("2024-12-31T19:30:00Z"));
        // 2024-12-31T23:30 in Almaty does not
        ExceedanceRef dayBefore = episode("E-2", Instant.parse("2024-12-31T18:30:00Z"));
        FacilityCompliance f = facility("F-1", FacilityCategory.IV).setEpisodes(List.of(firstDay, dayBefore)).build();
        assertThat(RiskScore.of(f, PLAN_YEAR, ALMATY)).isEqualTo(3.0);

        List<ExceedanceRef> many = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            many.add(episode("E-" + (10 + i), Instant.parse("2025-03-01T10:00:00Z").plusSeconds(3_600L * i)));
        }
        f.setEpisodes(many);
        assertThat(RiskScore.of(f, PLAN_YEAR, ALMATY)).isEqualTo(RiskScore.EXCEEDANCES_CAP);
    }

    @Test
    @DisplayName("fines with an amount outstanding count 5 each, at most 15; a fine paid in full none")
    void unpaidFinePoints() {
        FineRecord unpaid = fine("FN-1", 393_200, List.of());
        FineRecord partlyPaid = fine("FN-2", 393_200, List.of(payment("P-1", 100_000)));
        FineRecord paid = fine("FN-3", 393_200, List.of(payment("P-2", 393_200)));
        FacilityCompliance f = facility("F-1", FacilityCategory.IV).setFines(List.of(unpaid, partlyPaid, paid))
                .build();
        assertThat(RiskScore.of(f, PLAN_YEAR, ALMATY)).isEqualTo(10.0);

        f.setFines(List.of(unpaid, partlyPaid, fine("FN-4", 1, List.of()), fine("FN-5", 1, List.of())));
        assertThat(RiskScore.of(f, PLAN_YEAR, ALMATY)).isEqualTo(RiskScore.UNPAID_FINES_CAP);
    }

    @Test
    @DisplayName("the parts add up, and the score depends on the plan year, not on the day the plan is made")
    void thePartsAddUpForThePlanYear() {
        FacilityCompliance f = facility("F-1", FacilityCategory.I)
                .setInspections(List.of(completed("I-1", LocalDate.of(2024, 5, 1), ViolationSeverity.SIGNIFICANT)))
                .setEpisodes(List.of(episode("E-1", Instant.parse("2025-02-01T08:00:00Z"))))
                .setFines(List.of(fine("FN-1", 393_200, List.of())))
                .build();
        assertThat(RiskScore.of(f, 2026, ALMATY)).isEqualTo(40 + 5 + 3 + 5);
        // for 2028 the 2024 inspection and the 2025 episode are out of their windows; the unpaid fine still counts
        assertThat(RiskScore.of(f, 2028, ALMATY)).isEqualTo(40 + 5);
    }

    @Test
    @DisplayName("the plan takes the registered facilities with the highest scores, ties by facility id, ranked from 1")
    void thePlanRanksByScoreThenFacilityId() {
        FacilityCompliance categoryII = facility("F-B", FacilityCategory.II).build();
        FacilityCompliance categoryIWithEpisode = facility("F-C", FacilityCategory.I)
                .setEpisodes(List.of(episode("E-1", Instant.parse("2025-05-05T05:00:00Z")))).build();
        FacilityCompliance categoryI = facility("F-D", FacilityCategory.I).build();
        FacilityCompliance alsoCategoryI = facility("F-A", FacilityCategory.I).build();
        FacilityCompliance notRegistered = facility("F-0", FacilityCategory.I).setRegionCode(null)
                .setEpisodes(List.of(episode("E-2", Instant.parse("2025-05-05T05:00:00Z")))).build();
        List<FacilityCompliance> all = List.of(categoryII, categoryIWithEpisode, categoryI, alsoCategoryI,
                notRegistered);

        assertThat(RiskScore.plan(all, PLAN_YEAR, 3, ALMATY)).containsExactly(
                new RiskScore.Ranked("F-C", 43.0, 1),
                new RiskScore.Ranked("F-A", 40.0, 2),
                new RiskScore.Ranked("F-D", 40.0, 3));
        assertThat(RiskScore.plan(all, PLAN_YEAR, 10, ALMATY)).extracting(RiskScore.Ranked::facilityId)
                .containsExactly("F-C", "F-A", "F-D", "F-B");
        assertThat(RiskScore.plan(all, PLAN_YEAR, 0, ALMATY)).isEmpty();
        assertThat(RiskScore.plan(all, PLAN_YEAR, -1, ALMATY)).isEmpty();
    }

    private static FacilityCompliance.Builder facility(String id, FacilityCategory category) {
        return FacilityCompliance.newBuilder().setFacilityId(id).setRegionCode("55").setCategory(category)
                .setEpisodes(List.of()).setNotices(List.of()).setInspections(List.of()).setFines(List.of())
                .setOrders(List.of());
    }

    private static InspectionRecord completed(String id, LocalDate on, ViolationSeverity... severities) {
        InspectionRecord inspection = inspection(id, InspectionStatus.COMPLETED, on);
        List<ViolationFound> violations = new ArrayList<>();
        for (int i = 0; i < severities.length; i++) {
            violations.add(ViolationFound.newBuilder().setViolationId(id + "-V" + i).setArticle("art. 202")
                    .setDescription("emission above the standard").setSeverity(severities[i]).build());
        }
        inspection.setViolations(violations);
        return inspection;
    }

    private static InspectionRecord inspection(String id, InspectionStatus status, LocalDate completedOn) {
        return InspectionRecord.newBuilder().setInspectionId(id).setType(InspectionType.RISK_BASED).setStatus(status)
                .setReason("yearly plan").setScheduledOn(LocalDate.of(2020, 1, 10)).setCompletedOn(completedOn)
                .setCauses(List.of()).setViolations(List.of()).build();
    }

    private static ExceedanceRef episode(String id, Instant startedAt) {
        return ExceedanceRef.newBuilder().setExceedanceEventId(id).setSourceId("STACK-1").setPollutant("SO2")
                .setStartedAt(startedAt).setRatio(1.3).build();
    }

    private static FineRecord fine(String id, long amountKzt, List<Payment> payments) {
        return FineRecord.newBuilder().setFineId(id).setInspectionId("I-1").setOffenceDate(LocalDate.of(2025, 3, 1))
                .setAmountMci(100).setMciKzt(3_932).setAmountKzt(amountKzt).setImposedOn(LocalDate.of(2025, 4, 1))
                .setPayments(payments).build();
    }

    private static Payment payment(String id, long amountKzt) {
        return Payment.newBuilder().setPaymentId(id).setAmountKzt(amountKzt).setPaidOn(LocalDate.of(2025, 5, 1))
                .build();
    }
}
