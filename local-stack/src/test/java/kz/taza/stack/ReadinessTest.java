package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The launcher's readiness probe against an HTTP server that answers as a service's actuator would. */
class ReadinessTest {

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void upWhenTheActuatorAnswers200WithStatusUp() throws IOException {
        assertThat(probe(200, "{\"status\":\"UP\"}")).isEqualTo(Readiness.State.UP);
        assertThat(probe(200, "{ \"status\" : \"UP\", \"components\": {\"readinessState\": {\"status\": \"UP\"}} }"))
                .isEqualTo(Readiness.State.UP);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "503 | {\"status\":\"OUT_OF_SERVICE\"}",
        "503 | {\"status\":\"DOWN\"}",
        // A status UP only inside a component is not the service's.
        "200 | {\"status\":\"OUT_OF_SERVICE\",\"components\":{\"readinessState\":{\"status\":\"UP\"}}}",
        "200 | {\"status\":\"DOWN\"}",
        // Whatever the body says, only a 200 is ready.
        "503 | {\"status\":\"UP\"}",
        "200 | {\"status\":\"UP\"",
        "200 | <html>status: UP</html>",
        "200 | \"status\":\"UP\"",
        "200 | {\"status\":{\"code\":\"UP\"}}",
        "200 | ''"})
    void notReadyForAnyOtherAnswer(int status, String body) throws IOException {
        assertThat(probe(status, body)).isEqualTo(Readiness.State.NOT_READY);
    }

    @Test
    void startingWhileNothingListensOnThePort() {
        assertThat(new Readiness().probe(nothingListens()))
                .isEqualTo(Readiness.State.STARTING);
    }

    /** Serves {@code body} with {@code status} at the readiness path and probes it once. */
    private Readiness.State probe(int status, String body) throws IOException {
        stopServer();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new Readiness().probe(new ServiceSpec("permit-service", server.getAddress().getPort(), server.getAddress().getPort()));
    }

    /** A service whose management port nothing listens on. */
    private static ServiceSpec nothingListens() {
        int port = PortCheck.freePort();
        return new ServiceSpec("permit-service", port, port);
    }
}
