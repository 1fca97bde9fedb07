package kz.taza.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.taza.events.emission.AmsReading;
import kz.taza.simulator.client.Credentials;

/**
 * Posts AMS readings to emission-service's REST API as a gateway does ({@code POST /api/v1/ams/readings}, a JSON
 * batch: a facility's readings of one interval, or a single reading), signed in as the AMS gateway of the facility's operator: the service takes a reading
 * only from that gateway. Every request is built in {@link #request}, the one place where the caller's credentials go
 * ({@code Authorization: Bearer} with the gateway's client-credentials token, fetched by {@link Credentials} and
 * renewed before it expires).
 */
final class RestReadingClient {

    static final String PATH = "/api/v1/ams/readings";
    private static final Pattern REJECTED = Pattern.compile("\"rejected\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI readings;
    private final Credentials credentials;

    /**
     * @param service     the service's base URL, e.g. {@code http://localhost:8082}
     * @param credentials the gateways' secrets and where their tokens come from
     */
    RestReadingClient(URI service, Credentials credentials) {
        this.readings = service.resolve(PATH);
        this.credentials = credentials;
    }

    /** Fetches the gateways' tokens now, so that no request of a timed stretch waits for the identity provider. */
    void signIn(Collection<String> gateways) throws IOException, InterruptedException {
        for (String gateway : gateways) {
            credentials.token(gateway);
        }
    }

    /** Posts a batch of readings as {@code gateway}; the answer. */
    CompletableFuture<HttpResponse<String>> post(List<AmsReading> readings, String gateway)
            throws IOException, InterruptedException {
        return http.sendAsync(request(json(readings), credentials.token(gateway)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many items of a batch the service refused, from its answer. */
    static int rejectedItems(String body) {
        Matcher m = REJECTED.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private HttpRequest request(String body, String token) {
        return HttpRequest.newBuilder(readings)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The batch of these readings, as a gateway writes it. */
    static String json(List<AmsReading> readings) {
        StringBuilder batch = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < readings.size(); i++) {
            AmsReading r = readings.get(i);
            batch.append(i == 0 ? "{" : ",{")
                    .append(field("facilityId", r.getFacilityId())).append(',')
                    .append(field("sourceId", r.getSourceId())).append(',')
                    .append(field("pollutant", r.getPollutant().name())).append(',')
                    .append(field("intervalStart", r.getIntervalStart().toString())).append(',')
                    .append("\"intervalMinutes\":").append(r.getIntervalMinutes()).append(',')
                    .append("\"concentrationMgNm3\":").append(r.getConcentrationMgNm3()).append(',')
                    .append("\"flowNm3PerHour\":").append(r.getFlowNm3PerHour()).append(',')
                    .append(field("status", r.getStatus().name()))
                    .append('}');
        }
        return batch.append("]}").toString();
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
