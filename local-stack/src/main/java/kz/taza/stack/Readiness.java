package kz.taza.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A service's readiness as its actuator reports it: {@code /actuator/health/readiness} answers 200 with
 * {@code "status":"UP"} only once the service's Streams application is RUNNING (platform's truthful probes).
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Asks the service once. */
    public State probe(ServiceSpec service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.readinessUrl()))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"")
                    ? State.UP : State.NOT_READY;
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
}
