package kz.taza.inspection.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import kz.taza.events.inspection.ExceedanceRef;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.FineRecord;
import kz.taza.inspection.domain.ComplianceRules;

/** A facility's compliance history as JSON: notices, inspections with violations, fines with payments, orders. */
public record ComplianceHistory(String facilityId, String facilityName, String regionCode, String category,
        List<Exceedance> recentExceedances, List<Notice> notices, List<Inspection> inspections, List<Fine> fines,
        List<Order> orders) {

    public record Exceedance(String exceedanceEventId, String sourceId, String pollutant, Instant startedAt,
            double ratio) {
        static Exceedance of(ExceedanceRef e) {
            return new Exceedance(e.getExceedanceEventId(), e.getSourceId(), e.getPollutant(), e.getStartedAt(),
                    e.getRatio());
        }
    }

    public record Notice(String noticeId, String exceedanceEventId, LocalDate issuedOn, LocalDate responseDueOn) {
    }

    public record Violation(String violationId, String article, String description, String severity) {
    }

    public record Inspection(String inspectionId, String type, String status, String reason, LocalDate scheduledOn,
            LocalDate plannedOn, Integer planYear, Double riskScore, List<Exceedance> causes, LocalDate completedOn,
            List<Violation> violations) {
    }

    public record Payment(String paymentId, long amountKzt, LocalDate paidOn) {
    }

    /** A fine: ground INSPECTION names its inspectionId, AMS_EXCEEDANCE its episode, ADMINISTRATIVE_CASE its case. */
    public record Fine(String fineId, String ground, String inspectionId, String exceedanceEventId,
            String caseReference, LocalDate offenceDate, long amountMci, long mciKzt, long amountKzt,
            LocalDate imposedOn, long paidKzt, long outstandingKzt, List<Payment> payments) {
        static Fine of(FineRecord f) {
            return new Fine(f.getFineId(), f.getGround().name(),
                    f.getInspectionId().isEmpty() ? null : f.getInspectionId(), f.getExceedanceEventId(),
                    f.getCaseReference(), f.getOffenceDate(), f.getAmountMci(), f.getMciKzt(),
                    f.getAmountKzt(), f.getImposedOn(), ComplianceRules.paidKzt(f), ComplianceRules.outstandingKzt(f),
                    f.getPayments().stream().map(p -> new Payment(p.getPaymentId(), p.getAmountKzt(), p.getPaidOn()))
                            .toList());
        }
    }

    public record Order(String orderId, String inspectionId, String description, LocalDate issuedOn, LocalDate dueOn,
            String status, LocalDate fulfilledOn) {
    }

    public static ComplianceHistory of(FacilityCompliance c) {
        return new ComplianceHistory(c.getFacilityId(), c.getFacilityName(), c.getRegionCode(),
                c.getCategory() == null ? null : c.getCategory().name(),
                c.getEpisodes().stream().map(Exceedance::of).toList(),
                c.getNotices().stream().map(n -> new Notice(n.getNoticeId(), n.getExceedanceEventId(),
                        n.getIssuedOn(), n.getResponseDueOn())).toList(),
                c.getInspections().stream().map(i -> new Inspection(i.getInspectionId(), i.getType().name(),
                        i.getStatus().name(), i.getReason(), i.getScheduledOn(), i.getPlannedOn(), i.getPlanYear(),
                        i.getRiskScore(), i.getCauses().stream().map(Exceedance::of).toList(), i.getCompletedOn(),
                        i.getViolations().stream().map(v -> new Violation(v.getViolationId(), v.getArticle(),
                                v.getDescription(), v.getSeverity().name())).toList())).toList(),
                c.getFines().stream().map(Fine::of).toList(),
                c.getOrders().stream().map(o -> new Order(o.getOrderId(), o.getInspectionId(), o.getDescription(),
                        o.getIssuedOn(), o.getDueOn(), o.getStatus().name(), o.getFulfilledOn())).toList());
    }
}
