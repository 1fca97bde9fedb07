package kz.taza.kpi.api;

import java.net.URI;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import kz.taza.platform.web.ProblemHandlers;

/**
 * Bad parameters of a KPI query as an RFC 9457 problem document in the platform's shape ({@link ProblemHandlers}):
 * a {@code violations} list naming each parameter ({@code field}), a code and what is wrong; typed
 * {@code /problems/invalid-parameter} (400) or {@code /problems/unknown-resource} (404).
 */
@RestControllerAdvice
class KpiProblems {

    @ExceptionHandler(InvalidParametersException.class)
    ResponseEntity<ProblemDetail> invalidParameters(InvalidParametersException ex) {
        ProblemDetail problem = ProblemHandlers.invalid(ex.violations());
        problem.setStatus(ex.status().value());
        boolean notFound = ex.status().value() == 404;
        problem.setTitle(notFound ? "Unknown resource" : "Invalid query parameter");
        problem.setType(URI.create(notFound ? "/problems/unknown-resource" : "/problems/invalid-parameter"));
        return ResponseEntity.status(ex.status()).body(problem);
    }
}
