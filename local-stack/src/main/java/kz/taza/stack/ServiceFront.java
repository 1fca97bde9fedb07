package kz.taza.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The one address of a service that runs several instances, as a Kubernetes Service is in a cluster: it listens on the
 * service's API and management ports and hands each request to one of the instances whose readiness is UP, in turn.
 * A request no instance could take (none ready, or each refused the connection) is answered 503 with
 * {@code Retry-After}; one whose instance went away while answering is 502, since the instance may have acted on it:
 * a client repeats it with the same {@code Idempotency-Key}, and the service answers the repeat with the first
 * outcome. The front changes nothing else: the same method, path, headers (bearer token, key) and body go on, and the
 * answer comes back as it was, with a {@code Location} on an instance's port moved to the front's.
 */
final class ServiceFront implements AutoCloseable {

    /** How often each instance's readiness is asked. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    /** Longer than any call of the services takes (a command waits at most 10 s for its result). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Headers the front does not pass on: hop-by-hop, or set by the HTTP client itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");

    /** One instance behind the front, as the launcher runs it. */
    interface Instance {
        /** Its own ports. */
        ServiceSpec where();

        boolean isAlive();
    }

    private final ServiceSpec service;
    private final List<Instance> instances = new CopyOnWriteArrayList<>();
    private final Map<Instance, Boolean> ready = new java.util.concurrent.ConcurrentHashMap<>();
    private final Readiness readiness = new Readiness();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong lostInFlight = new AtomicLong();
    private final ExecutorService workers = Executors.newFixedThreadPool(32, daemon("front"));
    private final java.util.concurrent.ScheduledExecutorService prober =
            Executors.newSingleThreadScheduledExecutor(daemon("front-probe"));
    private HttpServer api;
    private HttpServer management;

    ServiceFront(ServiceSpec service) {
        this.service = service;
    }

    /** Opens the service's two ports and starts asking the instances' readiness. */
    ServiceFront start() throws IOException {
        api = server(service.port(), false);
        management = server(service.managementPort(), true);
        prober.scheduleWithFixedDelay(this::probe, 0, PROBE_INTERVAL.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return this;
    }

    /** An instance to send to once its readiness is UP (a restarted one is added anew). */
    void add(Instance instance) {
        instances.add(instance);
    }

    void remove(Instance instance) {
        instances.remove(instance);
        ready.remove(instance);
    }

    /** Requests handed to an instance, answered 503 for want of one, and lost with their instance (502). */
    String counts() {
        return String.format(Locale.ROOT, "%d forwarded, %d answered 503 (no instance ready), %d answered 502"
                + " (instance gone while answering)", forwarded.get(), unavailable.get(), lostInFlight.get());
    }

    private HttpServer server(int port, boolean toManagement) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 128);
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            try (exchange) {
                forward(exchange, toManagement);
            } catch (IOException e) {
                // the caller went away: nothing to answer
            }
        });
        server.start();
        return server;
    }

    private void probe() {
        for (Instance instance : instances) {
            ready.put(instance, instance.isAlive() && readiness.probe(instance.where()) == Readiness.State.UP);
        }
    }

    private void forward(HttpExchange exchange, boolean toManagement) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<Instance> candidates = instances.stream().filter(i -> Boolean.TRUE.equals(ready.get(i))).toList();
        int first = Math.floorMod(next.getAndIncrement(), Math.max(1, candidates.size()));
        for (int i = 0; i < candidates.size(); i++) {
            Instance instance = candidates.get((first + i) % candidates.size());
            ServiceSpec where = instance.where();
            int port = toManagement ? where.managementPort() : where.port();
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(request(exchange, port, body), HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException e) {
                ready.put(instance, false); // not taken: the next instance may
                continue;
            } catch (IOException e) {
                lostInFlight.incrementAndGet();
                answer(exchange, 502, "the instance answering went away; repeat the request (with the same"
                        + " Idempotency-Key)");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, "the front is stopping");
                return;
            }
            forwarded.incrementAndGet();
            reply(exchange, answer, port, toManagement ? service.managementPort() : service.port());
            return;
        }
        unavailable.incrementAndGet();
        exchange.getResponseHeaders().add("Retry-After", "1");
        answer(exchange, 503, "no instance of " + service.name() + " is ready");
    }

    private static HttpRequest request(HttpExchange exchange, int port, byte[] body) {
        URI original = exchange.getRequestURI();
        URI target = URI.create("http://localhost:" + port + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    private static void reply(HttpExchange exchange, HttpResponse<byte[]> answer, int instancePort, int frontPort)
            throws IOException {
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(lower) || lower.equals(":status") || lower.equals("date")) {
                return;
            }
            for (String value : values) {
                exchange.getResponseHeaders().add(name, lower.equals("location")
                        ? value.replace("localhost:" + instancePort, "localhost:" + frontPort) : value);
            }
        });
        byte[] body = answer.body();
        boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD")
                || answer.statusCode() == 204 || answer.statusCode() == 304;
        exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A problem document of the front's own. */
    private static void answer(HttpExchange exchange, int status, String detail) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + (status == 502 ? "Bad Gateway" : "Service Unavailable")
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        prober.shutdownNow();
        if (api != null) {
            api.stop(0);
        }
        if (management != null) {
            management.stop(0);
        }
        workers.shutdownNow();
    }
}
