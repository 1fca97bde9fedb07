package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * Liveness tells the truth: a Streams application that dies (here: a processing failure on a topic with no
 * dead-letter topic, which the platform refuses to drop) turns liveness and readiness DOWN, while the JVM and the HTTP
 * server are still up.
 */
@SpringBootTest(classes = StreamsLivenessIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=liveness-test")
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
@AutoConfigureRestTestClient
@DirtiesContext
class StreamsLivenessIntegrationTest {

    static final Topic<String, String> INPUT = Topic.named(TestNames.topic("test", "commands"))
            .values(Serdes.String()).partitions(1).build();
    static final Topic<String, String> OUTPUT = Topic.named(TestNames.topic("test", "echoes"))
            .values(Serdes.String()).partitions(1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue testTopics() {
            return () -> List.of(INPUT, OUTPUT);
        }

        @Bean
        StreamsTopology echo() {
            return builder -> builder.stream(INPUT.name(), INPUT.consumed())
                    .mapValues(value -> {
                        if (value.equals("die")) {
                            throw new IllegalStateException("unprocessable");
                        }
                        return value;
                    })
                    .to(OUTPUT.name(), OUTPUT.produced());
        }
    }

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    RestTestClient http;

    @Test
    void livenessTurnsDownWhenTheStreamsApplicationDies() {
        KafkaTestClients.send(INPUT, Map.entry("a", "hello"));
        KafkaTestClients.readUntil(OUTPUT, records -> !records.isEmpty());
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

        KafkaTestClients.send(INPUT, Map.entry("b", "die"));

        Awaitility.await("Streams application in ERROR").atMost(Duration.ofSeconds(30))
                .until(() -> streams.getKafkaStreams().state() == KafkaStreams.State.ERROR);
        // The details (which application, in which state) only to the operations role.
        http.get().uri("/actuator/health/liveness")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SharedIdentityProvider.get().token(Role.OPERATIONS))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody(String.class).value(body -> assertThat(body).contains("ERROR"));
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
}
