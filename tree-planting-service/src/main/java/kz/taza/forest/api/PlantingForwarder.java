package kz.taza.forest.api;

import java.util.Map;

import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Asks the instance that owns a planting for it, when that is not this instance (plantings are partitioned by
 * plantingId across the instances' state stores). The call is guarded by a circuit breaker, and its failure is
 * answered as 503 with the reason, never swallowed.
 */
@Component
public class PlantingForwarder {

    private final RestClient http = RestClient.create();
    private final CircuitBreaker guard;

    public PlantingForwarder(org.springframework.beans.factory.ObjectProvider<CircuitBreakerRegistry> registry) {
        this.guard = registry.getIfAvailable(CircuitBreakerRegistry::ofDefaults).circuitBreaker("forest-forwarding");
    }

    ResponseEntity<Object> forward(HostInfo owner, String plantingId) {
        try {
            return guard.executeSupplier(() -> http.get()
                    .uri("http://{host}:{port}/api/v1/plantings/{id}", owner.host(), owner.port(), plantingId)
                    .retrieve().toEntity(Object.class));
        } catch (RestClientResponseException e) {
            // The owner answered (e.g. 404): pass its answer on.
            return ResponseEntity.status(e.getStatusCode()).body(e.getResponseBodyAs(Map.class));
        } catch (CallNotPermittedException | org.springframework.web.client.ResourceAccessException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the instance holding planting " + plantingId + " (" + owner.host() + ":" + owner.port()
                            + ") cannot be reached: " + e.getMessage());
            problem.setTitle("Owner instance unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
        }
    }
}
