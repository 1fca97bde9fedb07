package kz.taza.kpi.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Query or path parameters that cannot be answered, each named with what is wrong: 400 (404 for a path parameter that
 * names nothing, such as an unknown KPI id), answered by {@link KpiProblems} as a problem document.
 */
public class InvalidParametersException extends RuntimeException {

    private final HttpStatus status;
    private final List<Map<String, String>> violations;

    InvalidParametersException(HttpStatus status, List<Map<String, String>> violations) {
        super(violations.toString());
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    HttpStatus status() {
        return status;
    }

    List<Map<String, String>> violations() {
        return violations;
    }
}
