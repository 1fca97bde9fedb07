package kz.taza.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service's readiness as its actuator reports it: {@code /actuator/health/readiness} answers 200 with the health
 * document {@code {"status":"UP"}} only once the service's Streams application is RUNNING (platform's truthful
 * probes); any other status (OUT_OF_SERVICE, DOWN, ...), answer or body is not ready.
 */
public final class Readiness {

    /** What a service is doing, as the progress display shows it. */
    public enum State {
        /** Process running, HTTP port not open yet. */
        STARTING,
        /** Answering, but readiness not UP yet (for example Streams still rebalancing). */
        NOT_READY,
        UP,
        /** The process ended. */
        EXITED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Asks the service once. */
    public State probe(ServiceSpec service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.readinessUrl()))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && "UP".equals(status(response.body())) ? State.UP : State.NOT_READY;
        } catch (ConnectException e) {
            return State.STARTING;
        } catch (HttpTimeoutException e) {
            return State.NOT_READY;
        } catch (IOException e) {
            return State.STARTING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.STARTING;
        }
    }

    /** The health document's top-level {@code status}; null when the body is not such a document. */
    private static String status(String body) {
        try {
            return JSON.readTree(body).path("status").textValue();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
