package kz.taza.forest.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import kz.taza.forest.domain.Violation;

/**
 * RFC 9457 problem documents for requests refused before any command is sent: 422, typed by the first reason
 * ({@code /problems/IMPLAUSIBLE_DENSITY}), with every violation (field, code, message) listed.
 */
final class ForestProblems {

    private ForestProblems() {
    }

    static ResponseEntity<Object> invalid(List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setType(URI.create("/problems/" + violations.get(0).code()));
        problem.setProperty("reasonCode", violations.get(0).code());
        problem.setProperty("violations", violations.stream().map(v -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", v.field());
            m.put("code", v.code());
            m.put("message", v.message());
            return m;
        }).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }

    static ResponseEntity<Object> notFound(String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Unknown resource");
        problem.setType(URI.create("/problems/" + code));
        problem.setProperty("reasonCode", code);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
