package kz.taza.emission.api;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents (RFC 9457) for the emission API's own failures; both are worth retrying. */
@RestControllerAdvice
public class EmissionProblems {

    @ExceptionHandler(EmissionStoreQueries.StateNotAvailableException.class)
    ResponseEntity<ProblemDetail> stateNotAvailable(EmissionStoreQueries.StateNotAvailableException e) {
        return unavailable("Emission state not available", "/problems/state-not-available", e.getMessage());
    }

    @ExceptionHandler(AmsIngestionController.IngestionUnavailableException.class)
    ResponseEntity<ProblemDetail> ingestionUnavailable(AmsIngestionController.IngestionUnavailableException e) {
        return unavailable("Kafka did not acknowledge", "/problems/ingestion-unavailable",
                "The accepted items could not be written to Kafka in time; retrying the request is safe (a repeated "
                        + "reading or report replaces the earlier one).");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String title, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        problem.setType(URI.create(type));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                .body(problem);
    }
}
