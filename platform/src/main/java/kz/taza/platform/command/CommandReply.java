package kz.taza.platform.command;

import java.util.Optional;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;

/**
 * What a REST handler gets back after sending a command: the result, or, when none arrived in time, only the command's
 * id (the command is still processed; its result can be fetched at the status URL later).
 */
public record CommandReply(String commandId, Optional<CommandResult> result) {

    public static CommandReply completed(CommandResult result) {
        return new CommandReply(result.getCommandId(), Optional.of(result));
    }

    public static CommandReply pending(String commandId) {
        return new CommandReply(commandId, Optional.empty());
    }

    public boolean isPending() {
        return result.isEmpty();
    }

    public boolean isAccepted() {
        return result.map(r -> r.getOutcome() == CommandOutcome.ACCEPTED).orElse(false);
    }
}
