package kz.taza.platform.command;

import java.net.URI;

/**
 * The body of a 202: the command was written but its result did not arrive in time; its status URL answers once it
 * has (on any instance of the service). Its schema in the OpenAPI documents is declared with the problem answers, by
 * {@code kz.taza.platform.web.TazaOpenApiAutoConfiguration}.
 */
public record CommandPending(String commandId, String status, String statusUrl) {

    static CommandPending of(String commandId, URI statusUrl) {
        return new CommandPending(commandId, "PENDING", statusUrl.toString());
    }
}
