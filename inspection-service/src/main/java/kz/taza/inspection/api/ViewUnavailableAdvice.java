package kz.taza.inspection.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** While the Streams application is not running, reads and commands that need the compliance records get 503. */
@RestControllerAdvice(basePackageClasses = ViewUnavailableAdvice.class)
public class ViewUnavailableAdvice {

    @ExceptionHandler(ComplianceView.ViewUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ComplianceView.ViewUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Compliance records not available yet");
        problem.setType(URI.create("/problems/view-unavailable"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }
}
