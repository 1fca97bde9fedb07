package kz.taza.platform.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import kz.taza.platform.kafka.TazaProperties;

/**
 * Sends a read on to the instance that owns the key, marked {@link StateQueries#FORWARDED_HEADER} so that the owner
 * answers from its own state and never forwards again.
 *
 * <p>The owner's answer is passed on as it is: its success, and its 4xx (an unknown key is the owner's 404, not a
 * failure of the call). A connection failure, a time-out or a 5xx is retried (the owner may be restarting; a read is
 * safe to repeat), then counted by a circuit breaker per owner, so that a dead instance is not called on every
 * request; what is left becomes a {@link StateUnavailableException} (503 with the reason), never an empty answer.
 */
public class OwnerForwarder {

    private final RestClient http;
    private final CircuitBreakerRegistry breakers;
    private final Retry retry;
    private final Duration retryAfter;

    /**
     * @param credentials adds this service's own bearer token to each forwarded read (the owner checks it like any
     *                    other caller's), or {@code null} where the owner needs none (tests of the forwarding alone)
     */
    public OwnerForwarder(TazaProperties.Query settings, CircuitBreakerRegistry breakers,
            ClientHttpRequestInterceptor credentials) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(settings.getConnectTimeout()).build());
        factory.setReadTimeout(settings.getReadTimeout());
        RestClient.Builder client = RestClient.builder().requestFactory(factory);
        if (credentials != null) {
            client.requestInterceptor(credentials);
        }
        this.http = client.build();
        this.breakers = breakers;
        // An open breaker already says the owner is down: retrying it only delays the 503.
        this.retry = Retry.of("taza-forwarding", RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.getAttempts()))
                .waitDuration(settings.getRetryWait())
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
        this.retryAfter = settings.getRetryAfter();
    }

    /**
     * The owner's answer to {@code GET pathAndQuery}.
     *
     * @param owner        the instance to ask
     * @param pathAndQuery the request's path and query string, already encoded, as this instance received them
     * @param accept       the client's Accept header, passed on; may be {@code null}
     * @throws StateUnavailableException when the owner cannot answer
     */
    public ResponseEntity<byte[]> get(HostInfo owner, String pathAndQuery, String accept) {
        CircuitBreaker breaker = breakers.circuitBreaker(breakerName(owner));
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
        try {
            ResponseEntity<byte[]> answer = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker,
                    () -> http.get().uri(uri)
                            .header(StateQueries.FORWARDED_HEADER, "true")
                            .headers(headers -> {
                                if (accept != null) {
                                    headers.set(HttpHeaders.ACCEPT, accept);
                                }
                            })
                            .retrieve()
                            // The owner refusing this instance's own credentials is a failure of the call, never
                            // the caller's answer: a 401 passed on would tell the caller its own token was bad.
                            .onStatus(status -> status.value() == 401 || status.value() == 403,
                                    (request, response) -> {
                                        throw new IllegalStateException("the owner refused this instance's "
                                                + "credentials (" + response.getStatusCode().value() + ")");
                                    })
                            // The owner's other 4xx is an answer, not a failure: do not throw, do not count it.
                            .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                            })
                            .toEntity(byte[].class))).get();
            return passOn(answer);
        } catch (RuntimeException e) {
            throw new StateUnavailableException(StateUnavailableException.Reason.OWNER_UNREACHABLE,
                    "the instance owning the requested state (" + owner.host() + ":" + owner.port()
                            + ") did not answer: " + e.getMessage(), retryAfter, e);
        }
    }

    /** Name of the owner's circuit breaker (resilience4j settings can target it, or the default config). */
    public static String breakerName(HostInfo owner) {
        return "taza-forwarding-" + owner.host() + "-" + owner.port();
    }

    /** Status, content type and body of the owner's answer; hop-by-hop and length headers are this hop's own. */
    private static ResponseEntity<byte[]> passOn(ResponseEntity<byte[]> answer) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.getStatusCode());
        MediaType type = answer.getHeaders().getContentType();
        if (type != null) {
            builder.contentType(type);
        }
        String retry = answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (retry != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retry);
        }
        return builder.body(answer.getBody());
    }
}
