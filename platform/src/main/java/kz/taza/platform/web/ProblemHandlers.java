package kz.taza.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import kz.taza.platform.command.CommandGateway.CommandNotSentException;

/**
 * Bad REST input, answered the same way by every service: an RFC 9457 problem document that names each bad field.
 * Malformed JSON is 400; well-formed input that breaks a rule is 422; a command the broker could not take is 503 with
 * Retry-After (safe to retry with the same Idempotency-Key).
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this endpoint: " + rootMessage(ex));
        problem.setTitle("Malformed request body");
        problem.setType(URI.create("/problems/malformed-body"));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(CommandNotSentException.class)
    ResponseEntity<ProblemDetail> commandNotSent(CommandNotSentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The command could not be handed to Kafka; retry with the same Idempotency-Key.");
        problem.setTitle("Commands temporarily unavailable");
        problem.setType(URI.create("/problems/command-not-sent"));
        problem.setProperty("commandId", ex.commandId());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    /** A 422 problem document listing bad fields; usable by services for their own checks. */
    public static ProblemDetail invalid(List<Map<String, String>> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                violations.size() == 1 ? "1 field is invalid" : violations.size() + " fields are invalid");
        problem.setTitle("Invalid request");
        problem.setType(URI.create("/problems/invalid-request"));
        problem.setProperty("violations", violations);
        return problem;
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
