package kz.taza.inspection.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The bodies officers send. Field rules checked here are checked again by the command processor. */
public final class InspectionRequests {

    private InspectionRequests() {
    }

    /** Type is RISK_BASED or UNSCHEDULED; plannedOn is optional and not in the past. */
    public record ScheduleInspection(@NotNull InspectionTypeParam type, @NotBlank String reason, LocalDate plannedOn) {
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
    public record Violation(@NotBlank String article, @NotBlank String description, @NotNull SeverityParam severity) {
    }

    /** completedOn defaults to today; violations may be empty (the facility complied). */
    public record CompleteInspection(LocalDate completedOn, @NotNull List<@Valid @NotNull Violation> violations) {
    }

    /** Amount in MCI; the offence's year selects the MCI used to convert it to tenge. */
    public record ImposeFine(@NotNull @Positive Long amountMci, @NotNull LocalDate offenceDate) {
    }

    /** A payment in tenge; paidOn defaults to today. */
    public record RecordPayment(@NotNull @Positive Long amountKzt, LocalDate paidOn) {
    }

    /** A remediation order after a completed inspection, due after today. */
    public record IssueOrder(@NotBlank String inspectionId, @NotBlank String description, @NotNull LocalDate dueOn) {
    }

    /** fulfilledOn defaults to today. */
    public record FulfilOrder(LocalDate fulfilledOn) {
    }
}
