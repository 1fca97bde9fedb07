package kz.taza.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import jakarta.servlet.http.HttpServletRequest;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.web.ProblemHandlers;

/**
 * Two instances of one application share a keyed store's partitions. Asked either of them, a client gets every key's
 * value from the instance that holds it, and the owner's 404 for a key nobody has; a request that was already
 * forwarded is answered by the owner or refused with 503, never sent on again. A global store is read whole on
 * either instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateQueriesIntegrationTest {

    static final int PARTITIONS = 4;
    static final String STORE = "test-values";
    static final Topic<String, String> VALUES = Topic.named(TestNames.topic("test", "values"))
            .values(Serdes.String()).partitions(PARTITIONS).build();
    static final String GLOBAL_STORE = "test-everywhere";
    static final Topic<String, String> EVERYWHERE = Topic.named(TestNames.topic("test", "everywhere"))
            .values(Serdes.String()).partitions(PARTITIONS).build();

    /** One value per key, held by the instance owning the key's partition, read through {@link StateQueries}. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue valueTopics() {
            return () -> List.of(VALUES, EVERYWHERE);
        }

        @Bean
        StreamsTopology values() {
            return builder -> builder.table(VALUES.name(), VALUES.consumed(),
                    Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(STORE)
                            .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        }

        @Bean
        StreamsTopology everywhere() {
            return builder -> builder.globalTable(EVERYWHERE.name(), EVERYWHERE.consumed(),
                    EVERYWHERE.materializedAs(GLOBAL_STORE));
        }

        @Bean
        ValueController valueController(StateQueries queries,
                @Value("${taza.streams.application-server}") String self) {
            return new ValueController(queries, self);
        }
    }

    record ValueView(String key, String value, String servedBy) {
    }

    @RestController
    static class ValueController {
        private final StateQueries queries;
        private final String self;

        ValueController(StateQueries queries, String self) {
            this.queries = queries;
            this.self = self;
        }

        @Allow({Role.ANALYST, Role.SERVICE})
        @GetMapping("/values/{key}")
        ResponseEntity<?> value(@PathVariable String key, HttpServletRequest request) {
            return queries.answer(STORE, key, request, () -> {
                String value = queries.store(STORE, QueryableStoreTypes.<String, String>keyValueStore()).get(key);
                return value == null ? ProblemHandlers.notFound("UNKNOWN_KEY", "no value for " + key)
                        : new ValueView(key, value, self);
            });
        }
    }

    private final ServiceSuite instances = new ServiceSuite();
    /** An analyst's client; the instances forward with their own credentials (the service role). */
    private final RestClient http = RestClient.builder().defaultHeader(HttpHeaders.AUTHORIZATION,
            "Bearer " + SharedIdentityProvider.get().token(Role.ANALYST)).build();
    private final List<String> keys = TestNames.keysOnEachPartition("key", PARTITIONS);
    private String a;
    private String b;

    @BeforeAll
    void twoInstancesHoldingOneValuePerPartition() {
        String applicationId = TestNames.unique("state-queries");
        a = "localhost:" + TestNames.freePort();
        b = "localhost:" + TestNames.freePort();
        for (String self : List.of(a, b)) {
            instances.start(self, App.class, Map.of(
                    "spring.application.name", "state-queries-test",
                    kz.taza.platform.test.SharedBrokerInitializer.PRINCIPAL, kz.taza.platform.PlatformTestPrincipals.NAME,
                    "server.port", self.substring(self.indexOf(':') + 1),
                    "spring.kafka.streams.application-id", applicationId,
                    "taza.streams.application-server", self));
        }
        for (String key : keys) {
            KafkaTestClients.send(VALUES, Map.entry(key, "value-of-" + key));
            KafkaTestClients.send(EVERYWHERE, Map.entry(key, "everywhere-" + key));
        }
        await("both instances answer for every key").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> keys.stream().allMatch(key -> get(a, key).getStatusCode().is2xxSuccessful()
                        && get(b, key).getStatusCode().is2xxSuccessful()));
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void eitherInstanceAnswersEveryKeyFromItsOwner() {
        Set<String> servers = new HashSet<>();
        for (String key : keys) {
            ResponseEntity<ValueView> fromA = http.get().uri("http://" + a + "/values/{key}", key).retrieve()
                    .toEntity(ValueView.class);
            ResponseEntity<ValueView> fromB = http.get().uri("http://" + b + "/values/{key}", key).retrieve()
                    .toEntity(ValueView.class);
            assertThat(fromA.getBody()).isEqualTo(new ValueView(key, "value-of-" + key, fromA.getBody().servedBy()))
                    .isEqualTo(fromB.getBody());
            servers.add(fromA.getBody().servedBy());
        }
        // each instance owns part of the keys, so the answers above include forwarded ones in both directions
        assertThat(servers).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void anUnknownKeyIsTheOwnersNotFoundOnEitherInstance() {
        for (String instance : List.of(a, b)) {
            for (String key : TestNames.keysOnEachPartition("key", PARTITIONS)) {
                ResponseEntity<String> answer = get(instance, key);
                assertThat(answer.getStatusCode()).as("%s via %s", key, instance).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
                assertThat(answer.getBody()).contains("\"reasonCode\":\"UNKNOWN_KEY\"").contains(key);
            }
        }
    }

    @Test
    void aForwardedRequestForAKeyOwnedElsewhereIsRefusedWith503() {
        // given a key that instance A does not own
        StateQueries queriesA = instances.context(a).getBean(StateQueries.class);
        String elsewhere = keys.stream().filter(key -> queriesA.owner(STORE, key).isPresent()).findFirst()
                .orElseThrow();

        // when it reaches A marked as forwarded (as it would when two instances disagree about the owner)
        ResponseEntity<String> answer = http.get().uri("http://" + a + "/values/{key}", elsewhere)
                .header(StateQueries.FORWARDED_HEADER, "true").retrieve()
                .onStatus(status -> true, (request, response) -> {
                }).toEntity(String.class);

        // then A refuses instead of forwarding again
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(answer.getBody()).contains("/problems/state-not-available").contains(elsewhere);
    }

    @Test
    void eitherInstanceReadsTheWholeGlobalStoreItself() {
        List<String> expected = keys.stream().map(key -> "everywhere-" + key).toList();
        for (String instance : List.of(a, b)) {
            StateQueries queries = instances.context(instance).getBean(StateQueries.class);
            await("global store on " + instance).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(queries.<String>all(GLOBAL_STORE))
                            .containsExactlyInAnyOrderElementsOf(expected));
            assertThat(queries.<String>find(GLOBAL_STORE, keys.get(0))).contains("everywhere-" + keys.get(0));
            assertThat(queries.<String>find(GLOBAL_STORE, "no-such-key")).isEmpty();
        }
    }

    private ResponseEntity<String> get(String instance, String key) {
        return http.get().uri("http://" + instance + "/values/{key}", key).retrieve()
                .onStatus(status -> true, (request, response) -> {
                }).toEntity(String.class);
    }
}
