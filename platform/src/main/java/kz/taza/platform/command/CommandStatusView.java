package kz.taza.platform.command;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;

/** A command's result as JSON for REST clients (the status URL, and the body of an accepted command by default). */
public record CommandStatusView(String commandId, String aggregateId, String commandType, String outcome,
        String rejection, String reasonCode, String reason, List<Violation> violations, String resourceId,
        List<String> eventIds, Instant processedAt) {

    /** One bad field of a rejected command; {@code code} only when the rule names one. */
    public record Violation(String field, @JsonInclude(JsonInclude.Include.NON_NULL) String code, String message) {

        public static Violation of(FieldViolation violation) {
            return new Violation(violation.getField(), violation.getCode(), violation.getMessage());
        }
    }

    public static CommandStatusView of(CommandResult result) {
        return new CommandStatusView(result.getCommandId(), result.getAggregateId(), result.getCommandType(),
                result.getOutcome().name(), result.getRejection().name(), result.getReasonCode(), result.getReason(),
                result.getViolations().stream().map(Violation::of).toList(),
                result.getResourceId(), List.copyOf(result.getEventIds()), result.getProcessedAt());
    }
}
