package kz.taza.platform.command;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import kz.taza.events.common.CommandResult;
import kz.taza.events.common.RejectionKind;

/**
 * Turns a command's reply into the HTTP answer every Taza service gives: the success status with a body on accept; an
 * RFC 9457 problem document on reject (409 conflict with current state, 422 invalid, 404 unknown aggregate), naming
 * the reason and each bad field; 202 with a status URL when the result did not arrive in time.
 */
public final class CommandResponses {

    /** Where a command's status can be fetched on any instance of the service. */
    public static final String STATUS_PATH = "/api/v1/commands/{commandId}";

    private CommandResponses() {
    }

    /** The answer with the accepted result itself as the body. */
    public static ResponseEntity<Object> respond(CommandReply reply, HttpStatus onAccepted) {
        return respond(reply, onAccepted, CommandStatusView::of, null);
    }

    /**
     * The answer to a command.
     *
     * @param onAccepted status on accept (201 for creations, 200 otherwise)
     * @param body       the body of an accepted command, from its result
     * @param location   the created resource's URL (for 201), from its result; may be {@code null}
     */
    public static ResponseEntity<Object> respond(CommandReply reply, HttpStatus onAccepted,
            Function<CommandResult, Object> body, Function<CommandResult, URI> location) {
        if (reply.isPending()) {
            URI status = statusUrl(reply.commandId());
            return ResponseEntity.accepted().location(status).body(Map.of(
                    "commandId", reply.commandId(),
                    "status", "PENDING",
                    "statusUrl", status.toString()));
        }
        CommandResult result = reply.result().orElseThrow();
        if (reply.isAccepted()) {
            ResponseEntity.BodyBuilder ok = ResponseEntity.status(onAccepted);
            if (location != null) {
                ok.location(location.apply(result));
            }
            return ok.body(body.apply(result));
        }
        return ResponseEntity.status(statusOf(result.getRejection())).body(problem(result));
    }

    /** The problem document of a rejected command. */
    public static ProblemDetail problem(CommandResult result) {
        HttpStatus status = statusOf(result.getRejection());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, result.getReason());
        problem.setType(URI.create("/problems/" + result.getReasonCode()));
        problem.setTitle(titleOf(result.getRejection()));
        problem.setProperty("reasonCode", result.getReasonCode());
        problem.setProperty("commandId", result.getCommandId());
        if (!result.getViolations().isEmpty()) {
            problem.setProperty("violations", CommandStatusView.of(result).violations());
        }
        return problem;
    }

    public static URI statusUrl(String commandId) {
        return URI.create(STATUS_PATH.replace("{commandId}", commandId));
    }

    static HttpStatus statusOf(RejectionKind kind) {
        return switch (kind) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static String titleOf(RejectionKind kind) {
        return switch (kind) {
            case CONFLICT -> "Command conflicts with the current state";
            case INVALID -> "Command is invalid";
            case NOT_FOUND -> "Unknown resource";
            default -> "Command failed";
        };
    }
}
