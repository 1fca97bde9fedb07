package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class ServiceFrontTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<FakeInstance> instances = new ArrayList<>();
    private ServiceFront front;
    private ServiceSpec service;

    /** An instance of a service: its API echoes what it got, its readiness says what the test sets. */
    static final class FakeInstance implements ServiceFront.Instance {
        final String name;
        final ServiceSpec where;
        final HttpServer api;
        final HttpServer management;
        volatile boolean ready = true;
        volatile boolean dropAnswers;

        FakeInstance(String name) throws IOException {
            this.name = name;
            this.api = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
            this.management = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
            this.where = new ServiceSpec(name, api.getAddress().getPort(), management.getAddress().getPort());
            api.createContext("/", exchange -> {
                if (dropAnswers) {
                    exchange.close(); // gone while answering: no status line
                    return;
                }
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String echo = name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
                        + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " auth="
                        + exchange.getRequestHeaders().getFirst("Authorization") + " body=" + body;
                exchange.getResponseHeaders().add("Location", "http://localhost:" + where.port() + "/commands/1");
                send(exchange, 202, echo);
            });
            management.createContext("/actuator/health/readiness",
                    exchange -> send(exchange, ready ? 200 : 503, ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}"));
            api.start();
            management.start();
        }

        @Override
        public ServiceSpec where() {
            return where;
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        void stop() {
            api.stop(0);
            management.stop(0);
        }

        private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String text)
                throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @AfterEach
    void stop() {
        if (front != null) {
            front.close();
        }
        instances.forEach(FakeInstance::stop);
    }

    private void frontOf(int count) throws IOException {
        service = new ServiceSpec("example-service", PortCheck.freePort(), PortCheck.freePort());
        front = new ServiceFront(service).start();
        for (int i = 1; i <= count; i++) {
            FakeInstance instance = new FakeInstance("instance" + i);
            instances.add(instance);
            front.add(instance);
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Idempotency-Key", "k-1").header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsGoInTurnToTheReadyInstancesAsTheyWereSentAndTheirAnswersComeBackOnTheFrontsAddress()
            throws Exception {
        frontOf(2);
        Set<String> answeredBy = new HashSet<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> answer = post("/readings?batch=1", "{\"a\":1}");
            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.body()).endsWith(" POST /readings?batch=1 key=k-1 auth=Bearer t body={\"a\":1}");
            assertThat(answer.headers().firstValue("Location")).hasValue(service.url() + "/commands/1");
            answeredBy.add(answer.body().split(" ")[0]);
            assertThat(answeredBy).containsExactlyInAnyOrder("instance1", "instance2");
        });
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(service.readinessUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.body()).as("the management port goes to an instance's management server")
                .isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void anInstanceNotReadyOrGoneGetsNothingAndWithNoneReadyTheAnswerIs503WithRetryAfter() throws Exception {
        frontOf(2);
        FakeInstance first = instances.get(0);
        FakeInstance second = instances.get(1);
        first.ready = false;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < 4; i++) {
                assertThat(post("/x", "{}").body()).startsWith("instance2 ");
            }
        });
        second.stop(); // refuses connections before the next probe notices: the request is not lost
        HttpResponse<String> none = post("/x", "{}");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.body()).contains("no instance of example-service is ready");

        first.ready = true;
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(post("/x", "{}").body()).startsWith("instance1 "));
        assertThat(front.counts()).contains("answered 503 (no instance ready)").doesNotContain(" 0 answered 503");
    }

    @Test
    void anInstanceThatGoesAwayWhileAnsweringIs502SoTheClientRepeatsWithItsKey() throws Exception {
        frontOf(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> post("/x", "{}").statusCode() == 202);
        instances.get(0).dropAnswers = true;

        HttpResponse<String> lost = post("/x", "{}");

        assertThat(lost.statusCode()).isEqualTo(502);
        assertThat(lost.body()).contains("repeat the request (with the same Idempotency-Key)");
        assertThat(front.counts()).contains("1 answered 502");
    }
}
