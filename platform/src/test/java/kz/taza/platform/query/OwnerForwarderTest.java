package kz.taza.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.web.ProblemHandlers;

/**
 * A forwarded read against a real HTTP owner: the owner's answer, 2xx or 4xx, reaches the client as it is; an owner
 * that is down, slow or failing becomes a 503 problem with Retry-After, after one retry and, repeatedly, without
 * calling the owner at all (circuit breaker).
 */
class OwnerForwarderTest {

    private HttpServer owner;
    private final List<String> forwardedMarks = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    private static TazaProperties.Query settings() {
        TazaProperties.Query settings = new TazaProperties().getQuery();
        // generous: a loaded build machine must not turn an answer into a time-out (no test here waits for one)
        settings.setConnectTimeout(Duration.ofSeconds(10));
        settings.setReadTimeout(Duration.ofSeconds(10));
        settings.setRetryWait(Duration.ofMillis(10));
        settings.setRetryAfter(Duration.ofSeconds(3));
        return settings;
    }

    private HostInfo owner(int status, String contentType, String body) throws IOException {
        owner = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        owner.createContext("/", exchange -> answer(exchange, status, contentType, body));
        owner.start();
        return new HostInfo("localhost", owner.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        calls.incrementAndGet();
        forwardedMarks.add(String.valueOf(exchange.getRequestHeaders().getFirst(StateQueries.FORWARDED_HEADER)));
        byte[] bytes = (body + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stopOwner() {
        if (owner != null) {
            owner.stop(0);
        }
    }

    @Test
    void theOwnersAnswerReachesTheClientMarkedAsForwarded() throws IOException {
        HostInfo host = owner(200, "application/json", "{\"v\":1}");
        ResponseEntity<byte[]> answer = new OwnerForwarder(settings(), CircuitBreakerRegistry.ofDefaults(), null)
                .get(host, "/api/v1/things/a%20b?x=1", "application/json");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        // the path and query arrive as the client sent them, encoded once
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1} /api/v1/things/a%20b?x=1");
        assertThat(forwardedMarks).containsExactly("true");
    }

    @Test
    void theOwnersNotFoundIsPassedOnNotRetriedAndNotAFailure() throws IOException {
        HostInfo host = owner(404, "application/problem+json", "{\"reasonCode\":\"UNKNOWN_THING\"}");
        ResponseEntity<byte[]> answer = new OwnerForwarder(settings(), CircuitBreakerRegistry.ofDefaults(), null)
                .get(host, "/things/x", null);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("UNKNOWN_THING");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailingOwnerIsRetriedOnceThenAnswered503WithRetryAfter() throws IOException {
        HostInfo host = owner(500, "text/plain", "boom");
        OwnerForwarder forwarder = new OwnerForwarder(settings(), CircuitBreakerRegistry.ofDefaults(), null);

        assertThatThrownBy(() -> forwarder.get(host, "/things/x", null))
                .isInstanceOfSatisfying(StateUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StateUnavailableException.Reason.OWNER_UNREACHABLE);
                    assertThat(e.getMessage()).contains("localhost:" + host.port());
                    ResponseEntity<ProblemDetail> problem = problemOf(e);
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("3");
                    assertThat(problem.getBody().getType().toString()).isEqualTo("/problems/owner-unavailable");
                    assertThat(problem.getBody().getDetail()).contains("did not answer");
                });
        assertThat(calls).hasValue(2);
    }

    @Test
    void anOwnerThatIsDownIsAnswered503() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        OwnerForwarder forwarder = new OwnerForwarder(settings(), CircuitBreakerRegistry.ofDefaults(), null);

        assertThatThrownBy(() -> forwarder.get(new HostInfo("localhost", deadPort), "/things/x", null))
                .isInstanceOfSatisfying(StateUnavailableException.class, e -> assertThat(e.reason())
                        .isEqualTo(StateUnavailableException.Reason.OWNER_UNREACHABLE));
    }

    @Test
    void anOwnerThatKeepsFailingIsNoLongerCalled() throws IOException {
        HostInfo host = owner(503, "text/plain", "starting");
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1)).build());
        OwnerForwarder forwarder = new OwnerForwarder(settings(), breakers, null);

        for (int i = 0; i < 2; i++) { // two reads, two attempts each: four failures open the breaker
            assertThatThrownBy(() -> forwarder.get(host, "/things/x", null))
                    .isInstanceOf(StateUnavailableException.class);
        }
        assertThat(calls).hasValue(4);
        assertThatThrownBy(() -> forwarder.get(host, "/things/x", null))
                .isInstanceOfSatisfying(StateUnavailableException.class, e -> assertThat(e.reason())
                        .isEqualTo(StateUnavailableException.Reason.OWNER_UNREACHABLE));
        assertThat(calls).as("the open breaker keeps the request from the owner").hasValue(4);
    }

    private static ResponseEntity<ProblemDetail> problemOf(StateUnavailableException e) {
        return new ProblemHandlers().stateUnavailable(e);
    }
}
