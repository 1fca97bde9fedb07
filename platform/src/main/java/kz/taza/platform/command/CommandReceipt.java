package kz.taza.platform.command;

import java.util.Optional;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;

/**
 * What a REST handler holds after handing a command to Kafka: its result, or, when none arrived in time, only the
 * command's id (the command is still processed; its result can be fetched at the status URL later).
 */
public record CommandReceipt(String commandId, Optional<CommandResult> result) {

    public static CommandReceipt completed(CommandResult result) {
        return new CommandReceipt(result.getCommandId(), Optional.of(result));
    }

    public static CommandReceipt pending(String commandId) {
        return new CommandReceipt(commandId, Optional.empty());
    }

    public boolean isPending() {
        return result.isEmpty();
    }

    public boolean isAccepted() {
        return result.map(r -> r.getOutcome() == CommandOutcome.ACCEPTED).orElse(false);
    }
}
