package kz.taza.inspection.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The bodies officers send. Their fields are checked by the compliance rules' validation, which the command gateway
 * runs on the command made from them before sending it; checked here is only what a command record cannot hold: an
 * amount that is missing, a list of violations that is missing or has an empty entry.
 */
public final class InspectionRequests {

    private InspectionRequests() {
    }

    /** Type is RISK_BASED or UNSCHEDULED; a reason is required; plannedOn is optional and not in the past. */
    public record ScheduleInspection(InspectionTypeParam type, String reason, LocalDate plannedOn) {
    }

    /** The form of an inspection an officer may schedule. */
    public enum InspectionTypeParam {
        RISK_BASED, UNSCHEDULED
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

    /** Amount in MCI, positive; the offence's year selects the MCI used to convert it to tenge. */
    public record ImposeFine(@NotNull Long amountMci, LocalDate offenceDate) {
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
