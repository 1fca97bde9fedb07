package kz.taza.simulator.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the services' REST APIs as a real one behaves: each call made as one of the scenario's identities, with
 * its bearer token ({@link Credentials}; a refused token is fetched anew once), JSON bodies, an {@code Idempotency-Key}
 * per command that
 * stays the same across retries, and retries (with back-off) when the answer says "later": 202 from a command whose
 * result is late (the repeat with the same key returns the first result), 429 and 503 (honouring Retry-After), and
 * connection failures. Some answers mean "not yet" only because the services are eventually consistent (a facility
 * the emission service has not seen yet): the caller names those with {@link Call#retryWhile}. Everything else is
 * final: 2xx accepted, 4xx rejected (the problem document is logged, a few per kind).
 */
public final class ServiceClient {

    /** How long one call is retried before it counts as rejected. */
    static final Duration RETRY_FOR = Duration.ofSeconds(120);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Credentials credentials;
    private final Counters counters;
    private final Duration requestTimeout;
    private final Map<String, AtomicInteger> logged = new java.util.concurrent.ConcurrentHashMap<>();

    public ServiceClient(Credentials credentials, Counters counters) {
        this(credentials, counters, Duration.ofSeconds(30));
    }

    public ServiceClient(Credentials credentials, Counters counters, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.credentials = credentials;
        this.counters = counters;
        this.requestTimeout = requestTimeout;
    }

    /**
     * One request.
     *
     * @param kind            counter name (facilities, permits, reports, readings, ...)
     * @param method          GET, POST or PUT
     * @param uri             the full URI
     * @param body            JSON body (any Jackson-serialisable object), or null
     * @param idempotencyKey  sent as {@code Idempotency-Key} when not null
     * @param identity        the client the call is made as (its token is sent); see {@link Credentials}
     * @param accept202       whether a 202 is the final answer (asynchronous ingestion) rather than a late result
     * @param retryWhile      final-looking answers that mean "not yet" (eventual consistency), or null
     * @param count           how many items the request carries (a batch of readings counts each)
     */
    public record Call(String kind, String method, URI uri, Object body, String idempotencyKey, String identity,
            boolean accept202, Predicate<Answer> retryWhile, int count) {

        public static Call post(String kind, String identity, URI uri, Object body, String idempotencyKey) {
            return new Call(kind, "POST", uri, body, idempotencyKey, identity, false, null, 1);
        }

        public static Call put(String kind, String identity, URI uri, Object body, String idempotencyKey) {
            return new Call(kind, "PUT", uri, body, idempotencyKey, identity, false, null, 1);
        }

        public static Call get(String kind, String identity, URI uri) {
            return new Call(kind, "GET", uri, null, null, identity, false, null, 0);
        }

        public Call accepting202() {
            return new Call(kind, method, uri, body, idempotencyKey, identity, true, retryWhile, count);
        }

        public Call retryingWhile(Predicate<Answer> condition) {
            return new Call(kind, method, uri, body, idempotencyKey, identity, accept202, condition, count);
        }

        /** The same call counting {@code items} (a batch of readings counts each). */
        public Call counting(int items) {
            return new Call(kind, method, uri, body, idempotencyKey, identity, accept202, retryWhile, items);
        }
    }

    /** The final answer. */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Whether the body's text mentions {@code text} (problem details, field messages). */
        public boolean mentions(String text) {
            return body != null && body.toString().contains(text);
        }
    }

    /**
     * Sends the call until it has a final answer; counts it (items for batches are counted by the caller from the
     * answer when {@code count} is 0).
     */
    public Answer send(Call call) throws InterruptedException {
        Counters.Kind kind = counters.of(call.kind());
        kind.sent.addAndGet(call.count());
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long backoff = 50;
        boolean renewed = false;
        while (true) {
            Answer answer;
            long retryAfterMs = -1;
            try {
                HttpResponse<String> response = http.send(request(call), HttpResponse.BodyHandlers.ofString());
                answer = new Answer(response.statusCode(), parse(response.body()));
                retryAfterMs = response.headers().firstValue("Retry-After").map(ServiceClient::seconds)
                        .orElse(-1L);
            } catch (IOException e) {
                answer = new Answer(-1, null);
            }
            if (answer.status() == 401 && !renewed) {
                // The token was refused (expired early, or the identity provider restarted): a fresh one, once.
                credentials.forget(call.identity());
                renewed = true;
                continue;
            }
            boolean later = answer.status() == -1 || answer.status() == 429 || answer.status() == 503
                    || answer.status() == 502 || answer.status() == 504
                    || (answer.status() == 202 && !call.accept202())
                    || (call.retryWhile() != null && call.retryWhile().test(answer));
            if (!later) {
                if (answer.ok()) {
                    kind.accepted.addAndGet(call.count());
                } else {
                    kind.rejected.addAndGet(Math.max(1, call.count()));
                    log(call, answer);
                }
                return answer;
            }
            if (System.nanoTime() > deadline) {
                kind.rejected.addAndGet(Math.max(1, call.count()));
                log(call, answer);
                return answer;
            }
            kind.retried.incrementAndGet();
            Thread.sleep(retryAfterMs > 0 ? Math.min(retryAfterMs, 2_000) : backoff);
            backoff = Math.min(backoff * 2, 1_000);
        }
    }

    private HttpRequest request(Call call) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + credentials.token(call.identity()));
        if (call.idempotencyKey() != null) {
            b.header("Idempotency-Key", call.idempotencyKey());
        }
        if (call.body() == null) {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(call.method(), HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call.body())));
        }
        return b.build();
    }

    /** GET without a token (a probe); the status and body as they are, -1 when nothing answered. */
    public Answer get(URI uri) throws InterruptedException {
        return get(uri, null);
    }

    /** GET as {@code identity} ({@code null}: no token); the status and body as they are, -1 when nothing answered. */
    public Answer get(URI uri, String identity) throws InterruptedException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                    .header("Accept", "application/json");
            if (identity != null) {
                request.header("Authorization", "Bearer " + credentials.token(identity));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            return new Answer(-1, null);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value.trim()) * 1_000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void log(Call call, Answer answer) {
        int n = logged.computeIfAbsent(call.kind(), k -> new AtomicInteger()).incrementAndGet();
        if (n <= 5) {
            System.out.println("rejected " + call.kind() + ": " + call.method() + " " + call.uri() + " -> "
                    + answer.status() + " " + (answer.body() == null ? "" : answer.body().toString()));
        } else if (n == 6) {
            System.out.println("(further rejections of " + call.kind() + " are counted, not logged)");
        }
    }
}
