package kz.taza.emission.api;

import java.time.Duration;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import kz.taza.platform.web.ProblemHandlers;

/**
 * Problem document (RFC 9457) for the emission API's own failure: Kafka did not take the accepted items in time, which
 * is worth retrying. (State that cannot be read yet is the platform's 503, {@code /problems/state-not-available}.)
 */
@RestControllerAdvice
public class EmissionProblems {

    @ExceptionHandler(AmsIngestionController.IngestionUnavailableException.class)
    ResponseEntity<ProblemDetail> ingestionUnavailable(AmsIngestionController.IngestionUnavailableException e) {
        return ProblemHandlers.unavailable("/problems/ingestion-unavailable", "Kafka did not acknowledge",
                "The accepted items could not be written to Kafka in time; retrying the request is safe (a repeated "
                        + "reading or report replaces the earlier one).", Duration.ofSeconds(2));
    }
}
