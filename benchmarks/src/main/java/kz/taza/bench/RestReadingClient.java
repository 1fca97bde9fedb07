package kz.taza.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.taza.events.emission.AmsReading;

/**
 * Posts AMS readings to emission-service's REST API as a gateway does ({@code POST /api/v1/ams/readings}, a JSON
 * batch, here of one reading, under the gateway's {@code X-Client-Id}). Every request is built in {@link #request}:
 * the one place where the caller's credentials go ({@code Authorization: Bearer}, when a token is given).
 */
final class RestReadingClient {

    static final String PATH = "/api/v1/ams/readings";
    private static final Pattern REJECTED = Pattern.compile("\"rejected\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI readings;
    private final String clientId;
    private final String bearerToken;

    /**
     * @param service     the service's base URL, e.g. {@code http://localhost:8082}
     * @param bearerToken an access token for the service, or null when it asks for none
     */
    RestReadingClient(URI service, String clientId, String bearerToken) {
        this.readings = service.resolve(PATH);
        this.clientId = clientId;
        this.bearerToken = bearerToken;
    }

    /** Posts one reading; the answer's body. */
    CompletableFuture<HttpResponse<String>> post(AmsReading reading) {
        return http.sendAsync(request(json(reading)), HttpResponse.BodyHandlers.ofString());
    }

    /** How many items of a batch the service refused, from its answer. */
    static int rejectedItems(String body) {
        Matcher m = REJECTED.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private HttpRequest request(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(readings)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Client-Id", clientId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request.build();
    }

    /** The batch of one reading, as a gateway writes it. */
    static String json(AmsReading r) {
        return "{\"readings\":[{"
                + field("facilityId", r.getFacilityId()) + ","
                + field("sourceId", r.getSourceId()) + ","
                + field("pollutant", r.getPollutant().name()) + ","
                + field("intervalStart", r.getIntervalStart().toString()) + ","
                + "\"intervalMinutes\":" + r.getIntervalMinutes() + ","
                + "\"concentrationMgNm3\":" + r.getConcentrationMgNm3() + ","
                + "\"flowNm3PerHour\":" + r.getFlowNm3PerHour() + ","
                + field("status", r.getStatus().name())
                + "}]}";
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
