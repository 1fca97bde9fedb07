package kz.taza.platform.command;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;

/**
 * Turns a command's receipt into the HTTP answer every Taza service gives: the success status with a body on accept;
 * an RFC 9457 problem document on reject (409 conflict with current state, 422 invalid, 404 unknown aggregate), naming
 * the reason and each bad field; 202 with a status URL when the result did not arrive in time. A rejection an API
 * answers itself before sending (an aggregate its read model does not know) is the rules' own {@link Outcome.Rejected},
 * answered in the same form.
 *
 * <p>The answers are typed by the body of an accepted command ({@code ResponseEntity<CommandStatusView>}, or the
 * handler's own view): that is the success schema of the OpenAPI document. The other bodies an answer can carry (a
 * {@link CommandPending} with 202, a {@link ProblemDetail} on rejection) are written as what they are (the JSON
 * converter serializes the body's own class) and declared in the document once, by
 * {@code kz.taza.platform.web.TazaOpenApiAutoConfiguration}.
 */
public final class CommandResponses {

    /** Where a command's status can be fetched on any instance of the service. */
    public static final String STATUS_PATH = "/api/v1/commands/{commandId}";

    private CommandResponses() {
    }

    /** The answer with the accepted result itself as the body. */
    public static ResponseEntity<CommandStatusView> respond(CommandReceipt receipt, HttpStatus onAccepted) {
        return respond(receipt, onAccepted, CommandStatusView::of, null);
    }

    /**
     * The answer to a command.
     *
     * @param onAccepted status on accept (201 for creations, 200 otherwise)
     * @param body       the body of an accepted command, from its result
     * @param location   the created resource's URL (for 201), from its result; may be {@code null}
     */
    public static <T> ResponseEntity<T> respond(CommandReceipt receipt, HttpStatus onAccepted,
            Function<CommandResult, ? extends T> body, Function<CommandResult, URI> location) {
        if (receipt.isPending()) {
            URI status = statusUrl(receipt.commandId());
            return otherBody(ResponseEntity.accepted().location(status).body(CommandPending.of(receipt.commandId(),
                    status)));
        }
        CommandResult result = receipt.result().orElseThrow();
        if (receipt.isAccepted()) {
            ResponseEntity.BodyBuilder ok = ResponseEntity.status(onAccepted);
            if (location != null) {
                ok.location(location.apply(result));
            }
            return ok.body(body.apply(result));
        }
        return otherBody(ResponseEntity.status(statusOf(result.getRejection())).body(problem(result)));
    }

    /**
     * An answer whose body is not the handler's success type (a problem document, a pending command), returned from a
     * handler typed by its success body. The body is written as its own class, so nothing is lost on the wire.
     */
    @SuppressWarnings("unchecked")
    public static <T> ResponseEntity<T> otherBody(ResponseEntity<?> answer) {
        return (ResponseEntity<T>) answer;
    }

    /** The problem document of a rejected command. */
    public static ProblemDetail problem(CommandResult result) {
        ProblemDetail problem = problem(result.getRejection(), result.getReasonCode(), result.getReason(),
                result.getViolations());
        problem.setProperty("commandId", result.getCommandId());
        return problem;
    }

    /** The answer to a rejection decided before any command was sent (nothing was written). */
    public static <T> ResponseEntity<T> rejected(Outcome.Rejected<?> rejection) {
        return otherBody(ResponseEntity.status(statusOf(rejection.kind()))
                .body(problem(rejection.kind(), rejection.code(), rejection.reason(), rejection.violations())));
    }

    private static ProblemDetail problem(RejectionKind kind, String reasonCode, String reason,
            List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(kind), reason);
        problem.setType(URI.create("/problems/" + reasonCode));
        problem.setTitle(titleOf(kind));
        problem.setProperty("reasonCode", reasonCode);
        if (!violations.isEmpty()) {
            problem.setProperty("violations", violations.stream().map(CommandStatusView.Violation::of).toList());
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
