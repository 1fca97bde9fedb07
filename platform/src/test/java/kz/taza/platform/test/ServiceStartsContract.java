package kz.taza.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What every Taza service must do once started against a real broker: answer its liveness and readiness probes and
 * expose Prometheus metrics. A service's test extends this class (and may add its own checks).
 */
@TazaServiceTest
@AutoConfigureRestTestClient
public abstract class ServiceStartsContract {

    @Autowired
    protected RestTestClient http;

    @Test
    protected void answersItsLivenessAndReadinessProbes() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"status\":\"UP\""));
        // A service with a Streams application is ready once it is RUNNING: its first rebalance takes seconds.
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                        .expectBody(String.class).value(body -> assertThat(body).contains("streamsReadiness")));
    }

    @Test
    protected void exposesPrometheusMetrics() {
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
    }
}
