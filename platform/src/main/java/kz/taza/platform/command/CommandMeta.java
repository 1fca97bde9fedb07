package kz.taza.platform.command;

import java.time.Instant;

/**
 * What a handler knows about a command besides its content.
 *
 * @param commandId   the command's id (repeats of one id get the first result)
 * @param aggregateId the aggregate the command is for (the record key)
 * @param submittedAt when the command was submitted (the record's timestamp)
 * @param now         the processor's clock when deciding; use it for "not in the future" rules and event times
 */
public record CommandMeta(String commandId, String aggregateId, Instant submittedAt, Instant now) {
}
