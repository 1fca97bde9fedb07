package kz.taza.emission.api;

import java.net.http.HttpClient;
import java.time.Duration;

import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import kz.taza.emission.config.EmissionProperties;

/**
 * Forwards a read to the instance that owns the facility. Guarded by resilience4j: one quick retry (the owner may be
 * restarting), then a circuit breaker per owner so a dead instance is not called on every request; a failure surfaces
 * as 503 with the reason, never as an empty answer.
 */
@Component
public class OwnerForwarder {

    /** Marks a forwarded request: the receiver answers from its own state and never forwards again. */
    public static final String FORWARDED_HEADER = "X-Taza-Forwarded";

    private final RestClient http;
    private final CircuitBreakerRegistry breakers;
    private final Retry retry;

    public OwnerForwarder(EmissionProperties properties, ObjectProvider<CircuitBreakerRegistry> breakers) {
        Duration timeout = properties.getForwarding().getTimeout();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(factory).build();
        this.breakers = breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
        this.retry = Retry.of("emission-forwarding", RetryConfig.custom().maxAttempts(2)
                .waitDuration(Duration.ofMillis(100)).build());
    }

    <T> T get(HostInfo owner, String path, String facilityId, Class<T> type) {
        CircuitBreaker breaker = breakers.circuitBreaker("emission-forwarding-" + owner.host() + "-" + owner.port());
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, () -> http.get()
                    .uri("http://" + owner.host() + ":" + owner.port() + path, facilityId)
                    .header(FORWARDED_HEADER, "true")
                    .retrieve()
                    .body(type))).get();
        } catch (RuntimeException e) {
            throw new EmissionStoreQueries.StateNotAvailableException("the instance owning facility " + facilityId
                    + " (" + owner.host() + ":" + owner.port() + ") did not answer: " + e.getMessage());
        }
    }
}
