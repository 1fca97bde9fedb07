package kz.taza.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What every Taza service must do once started against a real broker: answer its liveness and readiness probes and
 * expose Prometheus metrics, Kafka's among them. A service's test extends this class (and may add its own checks).
 */
@TazaServiceTest
@AutoConfigureRestTestClient
public abstract class ServiceStartsContract {

    @Autowired
    protected RestTestClient http;

    @Value("${spring.application.name}")
    protected String applicationName;

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
        String body = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        return body.lines().filter(line -> line.startsWith(metric + "{"))
                .map(line -> line.substring(metric.length(), line.lastIndexOf('}') + 1)).toList();
    }
}
