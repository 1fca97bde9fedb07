package kz.taza.inspection.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import kz.taza.events.common.Pollutant;

/**
 * The bodies officers send. Their fields are checked by the compliance rules' validation, which the command gateway
 * runs on the command made from them before sending it; checked here is only what a command record cannot hold: an
 * amount that is missing, a list of violations that is missing or has an empty entry.
 */
public final class InspectionRequests {

    private InspectionRequests() {
    }

    /**
     * Type is RISK_BASED, UNSCHEDULED or PREVENTIVE_VISIT (preventive control with a visit: its findings are remedied
     * by order, never fined); a reason is required; plannedOn is optional and not in the past.
     */
    public record ScheduleInspection(InspectionTypeParam type, String reason, LocalDate plannedOn) {
    }

    /** The form of an inspection an officer may schedule. */
    public enum InspectionTypeParam {
        RISK_BASED, UNSCHEDULED, PREVENTIVE_VISIT
    }

    /** Severity of a violation. */
    public enum SeverityParam {
        MINOR, SIGNIFICANT, GROSS
    }

    /** One violation found: the article of the Environmental Code, what was found, how grave. */
    public record Violation(String article, String description, SeverityParam severity) {
    }

    /** completedOn defaults to today; violations may be empty (the facility complied). */
    public record CompleteInspection(LocalDate completedOn, @NotNull List<@Valid @NotNull Violation> violations) {
    }

    /**
     * A fine. Without an article (or under art. 328(1) without excessTonnes) the officer sets amountMci, positive; under
     * art. 324 (with offenderSize) and under art. 328(1) with excessTonnes and excessPollutant the article sizes it and
     * amountMci is left out ({@code kz.taza.inspection.domain.FineSizing}). The offence's year selects the MCI used to
     * convert it to tenge.
     */
    public record ImposeFine(Long amountMci, LocalDate offenceDate, ArticleParam article,
            OffenderSizeParam offenderSize, Pollutant excessPollutant, Double excessTonnes) {
    }

    /**
     * A fine that follows no inspection: for an AMS exceedance episode recorded for the facility (ground AMS_EXCEEDANCE,
     * exceedanceEventId, under art. 328(1)), or in an administrative case opened otherwise (ground ADMINISTRATIVE_CASE,
     * caseReference). The amount's fields are those of {@link ImposeFine}.
     */
    public record ImposeFineWithoutInspection(GroundParam ground, String exceedanceEventId, String caseReference,
            Long amountMci, LocalDate offenceDate, ArticleParam article, OffenderSizeParam offenderSize,
            Pollutant excessPollutant, Double excessTonnes) {
    }

    /** What a fine without an inspection is imposed on. */
    public enum GroundParam {
        AMS_EXCEEDANCE, ADMINISTRATIVE_CASE
    }

    /** The article of the Code of Administrative Offences a fine is imposed under. */
    public enum ArticleParam {
        ART_324, ART_328_1
    }

    /** Who is fined, as art. 324 scales it. */
    public enum OffenderSizeParam {
        INDIVIDUAL, SMALL_BUSINESS, MEDIUM_BUSINESS, LARGE_BUSINESS
    }

    /** A positive payment in tenge; paidOn defaults to today. */
    public record RecordPayment(@NotNull Long amountKzt, LocalDate paidOn) {
    }

    /** A remediation order after a completed inspection, due after today. */
    public record IssueOrder(String inspectionId, String description, LocalDate dueOn) {
    }

    /** fulfilledOn defaults to today. */
    public record FulfilOrder(LocalDate fulfilledOn) {
    }
}
