package kz.taza.platform.command;

import java.time.Instant;
import java.util.List;

import kz.taza.events.common.CommandResult;

/** A command's result as JSON for REST clients (the status URL, and the body of an accepted command by default). */
public record CommandStatusView(String commandId, String aggregateId, String commandType, String outcome,
        String rejection, String reasonCode, String reason, List<Violation> violations, String resourceId,
        List<String> eventIds, Instant processedAt) {

    /** One bad field of a rejected command. */
    public record Violation(String field, String message) {
    }

    public static CommandStatusView of(CommandResult result) {
        return new CommandStatusView(result.getCommandId(), result.getAggregateId(), result.getCommandType(),
                result.getOutcome().name(), result.getRejection().name(), result.getReasonCode(), result.getReason(),
                result.getViolations().stream().map(v -> new Violation(v.getField(), v.getMessage())).toList(),
                result.getResourceId(), List.copyOf(result.getEventIds()), result.getProcessedAt());
    }
}
