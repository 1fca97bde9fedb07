package kz.taza.emission.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionFixtures;
import kz.taza.emission.EmissionServiceApplication;
import kz.taza.emission.topology.EmissionStores;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TestNames;

/**
 * Two instances of emission-service share the partitions of the readings; a facility's state lives on one of them.
 * Asked either instance, a client gets the same monitoring status for every facility: the instance that does not own
 * the facility forwards to the one that does (KafkaStreams metadata + application.server).
 */
class ReadForwardingIntegrationTest {

    @Test
    void eitherInstanceAnswersForEveryFacilityForwardingToTheOwner() {
        // given one facility on each of the six partitions, each to send a reading
        List<String> facilities = TestNames.keysOnEachPartition("KZ-FWD", EmissionTopics.PARTITIONS);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));

        // when two instances of one application run side by side
        String applicationId = TestNames.unique("emission-service-forwarding");
        int portA = TestNames.freePort();
        int portB = TestNames.freePort();
        try (ServiceSuite instances = new ServiceSuite()
                .start("a", EmissionServiceApplication.class, instance(applicationId, portA))
                .start("b", EmissionServiceApplication.class, instance(applicationId, portB))) {
            ConfigurableApplicationContext a = instances.context("a");
            // (the instances declare the topics at start-up)
            for (String facilityId : facilities) {
                KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityId,
                        EmissionFixtures.facility(facilityId)));
            }
            EmissionStoreQueries queriesA = a.getBean(EmissionStoreQueries.class);
            await("registry loaded").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> facilities.stream().allMatch(f -> queriesA.facility(f) != null));
            for (String facilityId : facilities) {
                KafkaTestClients.send(EmissionTopics.AMS_READINGS, Map.entry(facilityId,
                        EmissionFixtures.reading(facilityId, start, 123.0, ReadingStatus.VALID)));
            }

            // then both instances answer an analyst for every facility, with the owner's state (forwarded with the
            // instances' own credentials)
            RestClient http = RestClient.builder().defaultHeader("Authorization",
                    "Bearer " + SharedIdentityProvider.get().token(Role.ANALYST)).build();
            await("both instances answer for every facility").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> facilities.stream().allMatch(f -> hasReading(http, portA, f)
                            && hasReading(http, portB, f)));
            // and instance A does not own all of them: some answers came from B
            StateQueries stateA = a.getBean(StateQueries.class);
            List<String> ownedElsewhere = new ArrayList<>();
            for (String facilityId : facilities) {
                if (stateA.owner(EmissionStores.SOURCES, facilityId).isPresent()) {
                    ownedElsewhere.add(facilityId);
                }
            }
            assertThat(ownedElsewhere).isNotEmpty().hasSizeLessThan(facilities.size());
        }
    }

    private static boolean hasReading(RestClient http, int port, String facilityId) {
        String body = http.get().uri("http://localhost:" + port + "/api/v1/facilities/{id}/monitoring", facilityId)
                .retrieve().body(String.class);
        return body != null && body.contains("\"lastValidMgNm3\":123.0");
    }

    /** Settings of one instance: command-line arguments win over the service's application.yml, as an operator's. */
    private static Map<String, String> instance(String applicationId, int port) {
        return Map.of(
                "server.port", Integer.toString(port),
                "spring.kafka.streams.application-id", applicationId,
                "taza.streams.application-server", "localhost:" + port,
                "taza.streams.commit-interval-ms", "50");
    }
}
