package kz.taza.platform.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.streams.errors.InvalidStateStoreException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;

import kz.taza.events.common.FieldViolation;
import kz.taza.platform.command.CommandGateway.CommandNotSentException;
import kz.taza.platform.command.CommandGateway.CommandTooLargeException;
import kz.taza.platform.command.CommandGateway.InvalidCommandException;
import kz.taza.platform.command.CommandResponses;
import kz.taza.platform.query.StateUnavailableException;
import kz.taza.platform.security.OperatorScope;
import kz.taza.platform.security.SecurityProblems;

/**
 * Bad REST input, answered the same way by every service: an RFC 9457 problem document that names each bad field.
 * Malformed JSON is 400 (naming the field when a value is of the wrong type, as for a path or query parameter);
 * well-formed input that breaks a rule is 422; a command the broker could not take is 503 with Retry-After (safe to
 * retry with the same Idempotency-Key); state that cannot be read now (starting, rebalancing, the owning instance
 * unreachable) is 503 with Retry-After. A command the domain's rules refuse on its face is 422 before
 * it is sent. The static builders give services' own checks the same format.
 */
@RestControllerAdvice
public class ProblemHandlers extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> violations = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            violations.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> violations.add(
                Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(invalid(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> violations = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                violations.add(Map.of("field", result.getMethodParameter().getParameterName() == null ? "parameter"
                        : result.getMethodParameter().getParameterName(),
                        "message", String.valueOf(error.getDefaultMessage())))));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(invalid(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.TooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                        .body(requestTooLarge(tooLarge.maxBytes()));
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this endpoint: " + rootMessage(ex));
        problem.setTitle("Malformed request body");
        problem.setType(URI.create("/problems/malformed-body"));
        String field = unreadableField(ex);
        if (field != null) {
            // Well-formed JSON with a value of the wrong type: the client is told which field, as for a broken rule.
            problem.setProperty("violations", List.of(violation(field, null,
                    "cannot be read as this field's type: " + rootMessage(ex))));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * The field of the request body whose value could not be read, in the field paths of the problem documents
     * ({@code sources[0].amsRequired}); {@code null} when the body is not JSON or not an object at all.
     */
    static String unreadableField(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder field = new StringBuilder();
                for (JacksonException.Reference step : jackson.getPath()) {
                    if (step.getPropertyName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(step.getPropertyName());
                    } else if (step.getIndex() >= 0) {
                        field.append('[').append(step.getIndex()).append(']');
                    }
                }
                return field.isEmpty() ? null : field.toString();
            }
        }
        return null;
    }

    /** A path or query parameter that is not of its type (a year that is not a number): 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        String type = ex.getRequiredType() == null ? "its type" : ex.getRequiredType().getSimpleName();
        String message = "'" + ex.getValue() + "' is not a value of type " + type;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, name + ": " + message);
        problem.setTitle("Invalid parameter");
        problem.setType(URI.create("/problems/invalid-parameter"));
        problem.setProperty("violations", List.of(violation(name, null, message)));
        return ResponseEntity.badRequest().body(problem);
    }

    /** A request body larger than {@link RequestSizeLimit} lets through: 413, the limit named. */
    static ProblemDetail requestTooLarge(long maxBytes) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                RequestSizeLimit.detail(maxBytes));
        problem.setTitle("Request too large");
        problem.setType(URI.create(RequestSizeLimit.PROBLEM_TYPE));
        problem.setProperty("maxBytes", maxBytes);
        return problem;
    }

    /** A command the domain's rules refuse on its face, refused by the gateway before anything was sent. */
    @ExceptionHandler(InvalidCommandException.class)
    ResponseEntity<ProblemDetail> invalidCommand(InvalidCommandException ex) {
        return unprocessable(ex.violations());
    }

    /** A command larger than the broker takes: 413, and retrying will not help. */
    @ExceptionHandler(CommandTooLargeException.class)
    ResponseEntity<ProblemDetail> commandTooLarge(CommandTooLargeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The command is larger than the broker takes; it was not written. Send less in one command.");
        problem.setTitle("Command too large");
        problem.setType(URI.create("/problems/command-too-large"));
        problem.setProperty("commandId", ex.commandId());
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @ExceptionHandler(CommandNotSentException.class)
    ResponseEntity<ProblemDetail> commandNotSent(CommandNotSentException ex) {
        ResponseEntity<ProblemDetail> answer = unavailable("/problems/command-not-sent",
                "Commands temporarily unavailable",
                "The command could not be handed to Kafka; retry with the same Idempotency-Key.",
                Duration.ofSeconds(5));
        answer.getBody().setProperty("commandId", ex.commandId());
        return answer;
    }

    /** An operator's or gateway's call about another operator's facility: 403, nothing written. */
    @ExceptionHandler(OperatorScope.NotYourFacilityException.class)
    ResponseEntity<ProblemDetail> notYourFacility(OperatorScope.NotYourFacilityException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setTitle("Not allowed");
        problem.setType(URI.create(SecurityProblems.FORBIDDEN));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(StateUnavailableException.class)
    public ResponseEntity<ProblemDetail> stateUnavailable(StateUnavailableException ex) {
        return unavailable(ex.reason().type(), ex.reason().title(), ex.getMessage(), ex.retryAfter());
    }

    /** A store read outside {@code StateQueries} that met a rebalance: the same answer as state not available. */
    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> storeNotQueryable(InvalidStateStoreException ex) {
        StateUnavailableException.Reason reason = StateUnavailableException.Reason.NOT_QUERYABLE;
        return unavailable(reason.type(), reason.title(), "the service's state is not ready yet (starting or "
                + "rebalancing): " + ex.getMessage(), Duration.ofSeconds(2));
    }

    /** A 503 problem document with Retry-After: the request may be repeated as it is. */
    public static ResponseEntity<ProblemDetail> unavailable(String type, String title, String detail,
            Duration retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        problem.setType(URI.create(type));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem);
    }

    /**
     * A 404 problem document for an unknown resource, typed by {@code reasonCode} ({@code /problems/<code>}); returned
     * as it is from a handler typed by its success body (see {@link CommandResponses#otherBody}).
     */
    public static <T> ResponseEntity<T> notFound(String reasonCode, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Unknown resource");
        problem.setType(URI.create("/problems/" + reasonCode));
        problem.setProperty("reasonCode", reasonCode);
        return CommandResponses.otherBody(ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem));
    }

    /**
     * One bad field with a machine-readable code (e.g. {@code IMPLAUSIBLE_DENSITY}), for {@link #invalid}.
     *
     * @param code may be {@code null}
     */
    public static Map<String, String> violation(String field, String code, String message) {
        Map<String, String> violation = new LinkedHashMap<>();
        violation.put("field", field);
        if (code != null) {
            violation.put("code", code);
        }
        violation.put("message", message);
        return violation;
    }

    /**
     * A 422 problem document listing bad fields ({@code field}, {@code message} and, where the check has one, a
     * {@code code}); the detail names each of them. When the violations carry codes, the first one types the problem
     * ({@code /problems/<code>}, {@code reasonCode}) as a rejected command's would; otherwise it is
     * {@code /problems/invalid-request}. Usable by services for their own checks.
     */
    public static ProblemDetail invalid(List<Map<String, String>> violations) {
        String detail = violations.stream().map(v -> v.get("field") + ": " + v.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                (violations.size() == 1 ? "1 field is invalid: " : violations.size() + " fields are invalid: ")
                        + detail);
        problem.setTitle("Invalid request");
        String code = violations.isEmpty() ? null : violations.get(0).get("code");
        if (code == null) {
            problem.setType(URI.create("/problems/invalid-request"));
        } else {
            problem.setType(URI.create("/problems/" + code));
            problem.setProperty("reasonCode", code);
        }
        problem.setProperty("violations", violations);
        return problem;
    }

    /**
     * The 422 answer with {@link #invalid}'s problem document for the given bad fields; returned as it is from a
     * handler typed by its success body.
     */
    public static <T> ResponseEntity<T> unprocessable(List<FieldViolation> violations) {
        return CommandResponses.otherBody(ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(
                invalid(violations.stream().map(v -> violation(v.getField(), v.getCode(), v.getMessage())).toList())));
    }

    /** The 422 answer with {@link #invalid}'s problem document, from a handler typed by its success body. */
    public static <T> ResponseEntity<T> unprocessableFields(List<Map<String, String>> violations) {
        return CommandResponses.otherBody(ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .body(invalid(violations)));
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
