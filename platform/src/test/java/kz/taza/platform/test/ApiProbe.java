package kz.taza.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Calls a running service's REST API as a client would (over HTTP, with a bearer token) and checks the answer a
 * property test expects: never a 5xx; a refusal is an RFC 9457 problem document ({@code application/problem+json})
 * whose status is the answer's and, for bad fields, names exactly the fields at fault; an acceptance is a 2xx. Commands
 * are counted at the gateway ({@code taza.commands}, every command handed to the broker, answered, late or not sent).
 */
public final class ApiProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiProbe(URI base) {
        this.base = base;
    }

    /** The answer to one request: its status, content type and body (parsed when it is JSON). */
    public record Answer(String request, int status, String contentType, String body, JsonNode json) {

        /** The fields a problem document names in its violations, in order. */
        public List<String> namedFields() {
            List<String> fields = new ArrayList<>();
            if (json != null && json.has("violations")) {
                json.get("violations").forEach(v -> fields.add(v.path("field").asString()));
            }
            return fields;
        }

        @Override
        public String toString() {
            String request = this.request.length() > 2000 ? this.request.substring(0, 2000) + "..." : this.request;
            return request + " -> " + status + " " + contentType + " " + (body.length() > 2000
                    ? body.substring(0, 2000) + "..." : body);
        }
    }

    /**
     * Sends a request. {@code path} is sent as given, so that a test can put anything in a path segment
     * ({@link #segment} encodes one); {@code body} is sent as UTF-8 JSON, none when {@code null}.
     */
    public Answer send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json, application/problem+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            String shown = body == null ? "" : " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
            return new Answer(method + " " + path + shown, response.statusCode(), type, response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One path segment, percent-encoded as a client library encodes it (every byte but the unreserved ones). */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Every command the gateway of the commands topic has handed on so far (answered, late or not sent). */
    public static long commandsSent(MeterRegistry meters, String commandsTopic) {
        java.util.Collection<Timer> timers = meters.find("taza.commands").tag("topic", commandsTopic).timers();
        assertThat(timers).as("the gateway's timers of %s", commandsTopic).hasSize(3);
        return timers.stream().mapToLong(Timer::count).sum();
    }

    // ---------------------------------------------------------------- what a client must be told

    /** Whatever the request, the service answers it: no 5xx. */
    public static void assertAnswered(Answer answer) {
        assertThat(answer.status()).as("no server error for %s", answer).isLessThan(500);
    }

    /**
     * A refusal: the given status, as an RFC 9457 problem document whose own status is the answer's, with a type and
     * a title.
     */
    public static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("problem document for %s", answer).startsWith("application/problem+json");
        assertThat(answer.json()).as("body of %s", answer).isNotNull();
        assertThat(answer.json().path("status").asInt()).as("status in %s", answer).isEqualTo(status);
        assertThat(answer.json().path("type").asString()).as("type in %s", answer).isNotBlank();
        assertThat(answer.json().path("title").asString()).as("title in %s", answer).isNotBlank();
    }

    /** 422 naming exactly these fields (each at least once, and no other). */
    public static void assertInvalid(Answer answer, Set<String> fields) {
        assertProblem(answer, 422);
        assertThat(new LinkedHashSet<>(answer.namedFields())).as("fields named by %s", answer)
                .containsExactlyInAnyOrderElementsOf(fields);
        answer.json().get("violations").forEach(v -> assertThat(v.path("message").asString())
                .as("message of %s in %s", v, answer).isNotBlank());
    }

    /** 400 for a value the API could not read into its field, naming one of these fields (the first it met). */
    public static void assertUnreadable(Answer answer, Set<String> fields) {
        assertProblem(answer, 400);
        assertThat(answer.namedFields()).as("fields named by %s", answer).hasSize(1)
                .allSatisfy(f -> assertThat(f).isIn(fields));
    }

    /** 400 for a body that is not JSON of the endpoint's shape at all. */
    public static void assertMalformed(Answer answer) {
        assertProblem(answer, 400);
    }

    /** What a property test expects of one request, computed from the request alone. */
    public sealed interface Expected {

        /** Valid by the documented rules: a 2xx, and one command sent. */
        record Accepted() implements Expected {
        }

        /** A value that cannot be read into its field: 400 naming one of these. */
        record Unreadable(Set<String> fields) implements Expected {
        }

        /** Not JSON of the endpoint's shape: 400. */
        record Malformed() implements Expected {
        }

        /** Well-formed, breaking rules: 422 naming exactly these fields. */
        record Invalid(Set<String> fields) implements Expected {
        }

        /** Refused before sending for what the service knows (an unknown facility): this status and reason code. */
        record Refused(int status, String reasonCode) implements Expected {
        }

        /** A URL the security firewall refuses: 400, nothing sent. */
        record Firewalled() implements Expected {
        }

        /**
         * Valid on its face, refused by the command processor against the current state: one command sent, answered
         * with this status (404, 409 or 422) and reason code.
         */
        record Rejected(int status, String reasonCode) implements Expected {
        }

        /**
         * Valid on its face, decided against the current state: one command sent, and the answer is its result (a
         * 2xx, or the command processor's 404, 409 or 422 problem document).
         */
        record Decided() implements Expected {
        }

        static Expected of(Set<String> unreadable, Set<String> invalid) {
            if (!unreadable.isEmpty()) {
                return new Unreadable(unreadable);
            }
            return invalid.isEmpty() ? new Accepted() : new Invalid(invalid);
        }
    }

    /** The expectation for a request whose path has these segments: refused by the firewall, or as expected. */
    public static Expected throughFirewall(Expected expected, String... segments) {
        for (String segment : segments) {
            if (segment != null && RequestBodies.refusedByFirewall(segment)) {
                return new Expected.Firewalled();
            }
        }
        return expected;
    }

    /** The expectation from the fields a request's values cannot be read into and those that break a rule. */
    public static Expected expect(Set<String> unreadable, Set<String> invalid) {
        return Expected.of(unreadable, invalid);
    }

    /**
     * Checks an answer against what was expected, and the commands the gateway handed on meanwhile: one for an
     * accepted request, none for a refused one.
     */
    public static void assertAnswer(Answer answer, Expected expected, long commandsSent) {
        assertAnswered(answer);
        if (expected instanceof Expected.Accepted) {
            assertThat(answer.status()).as("accepted: %s", answer).isBetween(200, 299);
            assertThat(commandsSent).as("commands sent for %s", answer).isEqualTo(1);
        } else if (expected instanceof Expected.Unreadable u) {
            assertUnreadable(answer, u.fields());
        } else if (expected instanceof Expected.Malformed) {
            assertMalformed(answer);
        } else if (expected instanceof Expected.Invalid i) {
            assertInvalid(answer, i.fields());
        } else if (expected instanceof Expected.Firewalled) {
            assertProblem(answer, 400);
            assertThat(answer.json().path("type").asString()).as("type of %s", answer)
                    .isEqualTo("/problems/request-rejected");
        } else if (expected instanceof Expected.Decided) {
            if (answer.status() >= 300) {
                assertThat(answer.status()).as("decided: %s", answer).isIn(404, 409, 422);
                assertProblem(answer, answer.status());
            }
            assertThat(commandsSent).as("commands sent for %s", answer).isEqualTo(1);
        } else if (expected instanceof Expected.Rejected r) {
            assertProblem(answer, r.status());
            assertThat(answer.json().path("reasonCode").asString()).as("reason of %s", answer)
                    .isEqualTo(r.reasonCode());
            assertThat(commandsSent).as("commands sent for %s", answer).isEqualTo(1);
        } else if (expected instanceof Expected.Refused r) {
            assertProblem(answer, r.status());
            assertThat(answer.json().path("reasonCode").asString()).as("reason of %s", answer)
                    .isEqualTo(r.reasonCode());
        }
        if (!(expected instanceof Expected.Accepted) && !(expected instanceof Expected.Decided)
                && !(expected instanceof Expected.Rejected)) {
            assertThat(commandsSent).as("nothing sent for %s", answer).isZero();
        }
    }

    /** Waits (bounded) until the service's readiness probe is UP: its Streams application runs and answers commands. */
    public static void awaitReady(URI management) {
        HttpClient client = HttpClient.newHttpClient();
        org.awaitility.Awaitility.await("readiness of " + management).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250)).until(() -> client.send(HttpRequest.newBuilder(
                        URI.create(management + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** A map of a JSON object's members, for building bodies in order. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
