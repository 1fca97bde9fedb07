package kz.taza.permit.api;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A read while this instance's registry is not ready (start-up) is 503 with Retry-After, not a 500. */
@RestControllerAdvice
class RegistryUnavailableHandler {

    @ExceptionHandler(RegistryStore.RegistryUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(RegistryStore.RegistryUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Registry not ready");
        problem.setType(URI.create("/problems/registry-unavailable"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
    }
}
