package kz.taza.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.platform.security.Role;

/**
 * What every Taza service must do once started against a real broker: answer its liveness and readiness probes and
 * expose Prometheus metrics, Kafka's among them. A service's test extends this class (and may add its own checks).
 */
@TazaServiceTest
public abstract class ServiceStartsContract {

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected ApplicationContext context;

    /** The identity provider the service trusts (real tokens, over HTTP). */
    protected final SharedIdentityProvider identity = SharedIdentityProvider.get();

    /** The service's API, called by staff: every role that reaches all facilities (officer, inspector, ...). */
    protected RestTestClient http;

    /** The service's management server: probes and metrics, on a port of its own. */
    protected RestTestClient management;

    @BeforeEach
    void clientsOfTheServiceAndItsManagementServer() {
        http = as(identity.staffToken());
        management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }

    /** The service's API as the holder of this token calls it; {@code null} for no token at all. */
    protected RestTestClient as(String token) {
        RestTestClient.Builder<?> client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port);
        if (token != null) {
            client.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return client.build();
    }

    /**
     * The OpenAPI document is off unless {@code taza.security.open-api-public} turns it on, and then needs no token:
     * without a token it is a 401 (or the document) as the setting says.
     */
    @Test
    protected void servesItsOpenApiDocumentOnlyWhenAskedTo() {
        boolean open = context.getEnvironment().getProperty("taza.security.open-api-public", Boolean.class, false);
        as(null).get().uri("/v3/api-docs").exchange().expectStatus().isEqualTo(open ? 200 : 401);
    }

    /**
     * The OpenAPI document the service serves is the one checked in as {@code docs/openapi/<service>.json}
     * ({@link OpenApiDocument}: keys sorted, no servers): a change of the API (a handler, a view, a problem answer)
     * fails here with what changed, until the file is rewritten and committed with it. Rewrite the file instead of
     * comparing with {@code -Dtaza.openapi.write=true}. A service's contract test runs with
     * {@code taza.security.open-api-public=true} so that its document is served.
     */
    @Test
    protected void servesTheOpenApiDocumentCheckedIn() {
        assertThat(context.getEnvironment().getProperty("taza.security.open-api-public", Boolean.class, false))
                .as("the contract test of %s runs with taza.security.open-api-public=true, so its OpenAPI document "
                        + "can be checked against docs/openapi/%s.json", applicationName, applicationName)
                .isTrue();
        String served = OpenApiDocument.canonical(as(null).get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody());
        Path file = OpenApiDocument.file(applicationName);
        if (OpenApiDocument.writing()) {
            OpenApiDocument.write(file, served);
        }
        String checkedIn = OpenApiDocument.read(file);
        assertThat(checkedIn).as("%s is missing: write it with -D%s=true and commit it", file,
                OpenApiDocument.WRITE_PROPERTY).isNotNull();
        if (!served.equals(checkedIn)) {
            throw new AssertionError("The OpenAPI document " + applicationName + " serves differs from " + file
                    + ":\n" + OpenApiDocument.differences(checkedIn, served) + "\nIf the change is meant, rewrite the "
                    + "file with -D" + OpenApiDocument.WRITE_PROPERTY + "=true (see README, 'The API') and commit it.");
        }
    }

    /**
     * Every REST endpoint of the service has an access rule, and it holds: no token is 401, a token without one of
     * the endpoint's roles is 403, a token with one gets past the rule (a malformed body or path then makes it a
     * 400 or 404, so nothing is written). A new endpoint without a rule fails here.
     */
    @Test
    protected void everyEndpointHasAnAccessRuleThatHolds() {
        EndpointAccessContract.check(context, port, identity);
    }

    @Value("${spring.application.name}")
    protected String applicationName;

    @Test
    protected void answersItsLivenessAndReadinessProbes() {
        // Probes need no token and show no details: the state of each Streams application is for operations.
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"status\":\"UP\"")
                        .doesNotContain("streamsLiveness"));
        // A service with a Streams application is ready once it is RUNNING: its first rebalance takes seconds.
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                management.get().uri("/actuator/health/readiness")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + identity.token(Role.OPERATIONS))
                        .exchange().expectStatus().isOk()
                        .expectBody(String.class).value(body -> assertThat(body).contains("streamsReadiness")));
    }

    @Test
    protected void exposesPrometheusMetrics() {
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }

    /**
     * Kafka's own metrics are exported: the Streams application's (its threads, and its own producer and consumers)
     * and those of the clients the platform makes from Spring's factories (the dead-letter producer of every service
     * with a Streams application).
     */
    @Test
    protected void exposesKafkaStreamsProducerAndConsumerMetrics() {
        // Micrometer binds a Kafka client's metrics as they appear, some only once the client has done its first
        // work: on a busy machine that can be after the context is up.
        Awaitility.await("Kafka client metrics").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(prometheusSeries("kafka_stream_thread_process_total"))
                    .anyMatch(labels -> labels.contains("spring_id=\"tazaStreamsApplication\""));
            assertThat(prometheusSeries("kafka_consumer_fetch_manager_records_consumed_total"))
                    .anyMatch(labels -> labels.matches(".*client_id=\"[^\"]*-StreamThread-1-consumer\".*"));
            assertThat(prometheusSeries("kafka_producer_record_send_total"))
                    .anyMatch(labels -> labels.matches(".*client_id=\"[^\"]*-StreamThread-1-producer\".*"))
                    .anyMatch(labels -> labels.contains("client_id=\"" + applicationName + "-dead-letters-1\""));
        });
    }

    /** The label sets ({@code {a="b",...}}) of every series of the metric on {@code /actuator/prometheus}. */
    protected List<String> prometheusSeries(String metric) {
        String body = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        return body.lines().filter(line -> line.startsWith(metric + "{"))
                .map(line -> line.substring(metric.length(), line.lastIndexOf('}') + 1)).toList();
    }
}
