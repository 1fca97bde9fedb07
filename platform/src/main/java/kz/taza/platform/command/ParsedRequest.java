package kz.taza.platform.command;

import java.util.List;

import kz.taza.events.common.FieldViolation;

/**
 * A REST request turned into a command, with what was wrong with the request itself: values that could not be parsed
 * (an unknown enum name, a region code that names no region) and required values a command record cannot hold as
 * missing (Avro primitives). The command gateway adds what the domain's rules find wrong with the command
 * ({@link CommandGateway#violations}); only the request's own shape is checked in the API layer.
 *
 * @param command    the command, or {@code null} when the request is too broken to build one
 * @param violations what is wrong with the request itself, in the request's field paths
 */
public record ParsedRequest<C>(C command, List<FieldViolation> violations) {

    public ParsedRequest {
        violations = List.copyOf(violations);
        if (command == null && violations.isEmpty()) {
            throw new IllegalArgumentException("a request without a command must say what is wrong with it");
        }
    }

    /** A request that made a command with nothing wrong on its face. */
    public static <C> ParsedRequest<C> of(C command) {
        return new ParsedRequest<>(command, List.of());
    }
}
